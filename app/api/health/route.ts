import { getStore } from '@/server/store';

// Liveness and readiness in one: answers 200 once the store is open and migrated.
export async function GET() {
  try {
    const store = await getStore();
    return Response.json({ status: 'ok', store: store.dialect });
  } catch {
    return Response.json({ status: 'unavailable' }, { status: 503 });
  }
}
