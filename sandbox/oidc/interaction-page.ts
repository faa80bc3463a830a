// The sandbox IdP's login screen: one button per demo person, no passwords (it is a stand-in).
import type { DemoIssuer } from './demo-people';

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function renderPeoplePage(issuer: DemoIssuer, action: string): string {
  const buttons = issuer.people
    .map(
      (p) => `<li><button type="submit" name="person" value="${escape(p.id)}">
        <strong>${escape(p.name)}</strong><span>${escape(p.email ?? 'no email')} · ${escape(p.description)}</span>
      </button></li>`,
    )
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>${escape(issuer.displayName)} · sandbox identity provider</title>
<style>
body{font-family:system-ui,sans-serif;background:#f1f5f9;display:grid;place-items:center;min-height:100vh;margin:0}
main{background:#fff;border-radius:12px;padding:28px 32px;box-shadow:0 1px 3px #0002;width:380px}
h1{font-size:18px;margin:0 0 4px}p{color:#64748b;font-size:13px;margin:0 0 16px}
ul{list-style:none;padding:0;margin:0;display:grid;gap:8px}
button{width:100%;text-align:left;border:1px solid #cbd5e1;border-radius:8px;background:#fff;padding:10px 12px;cursor:pointer}
button:hover{border-color:#6366f1}strong{display:block;font-size:14px}span{font-size:12px;color:#64748b}
</style></head><body><main>
<h1>Sign in to ${escape(issuer.displayName)}</h1>
<p>Sandbox identity provider: choose who you are.</p>
<form method="post" action="${escape(action)}"><ul>${buttons}</ul></form>
</main></body></html>`;
}
