// After a benchmark: what IAM actually holds under /zonekeeper/, read through the IAM SDK (not the
// sandbox's memory), so duplicates made by retries or a second replica would show.
import { IAMClient, paginateListAccessKeys, paginateListUsers } from '@aws-sdk/client-iam';

export interface IamInventory {
  users: number;
  /** Users whose name is not one of the expected ones (a twin under another name, a leftover). */
  unexpectedUsers: number;
  /** Users without exactly one access key (zero: not provisioned; two: a rotation left behind). */
  usersWithoutExactlyOneKey: number;
  keys: number;
}

export async function iamInventory(
  env: Record<string, string>,
  expectedUserNames: Set<string>,
): Promise<IamInventory> {
  const iam = new IAMClient({
    region: env.AWS_REGION,
    endpoint: env.AWS_ENDPOINT_URL_IAM,
    credentials: {
      accessKeyId: env.AWS_ACCESS_KEY_ID!,
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY!,
    },
  });
  const names: string[] = [];
  for await (const page of paginateListUsers({ client: iam }, { PathPrefix: '/zonekeeper/' }))
    names.push(...(page.Users ?? []).map((u) => u.UserName ?? ''));
  let keys = 0;
  let usersWithoutExactlyOneKey = 0;
  for (const name of names) {
    let own = 0;
    for await (const page of paginateListAccessKeys({ client: iam }, { UserName: name }))
      own += page.AccessKeyMetadata?.length ?? 0;
    keys += own;
    if (own !== 1) usersWithoutExactlyOneKey += 1;
  }
  return {
    users: names.length,
    unexpectedUsers: names.filter((n) => !expectedUserNames.has(n)).length,
    usersWithoutExactlyOneKey,
    keys,
  };
}
