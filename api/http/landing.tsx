/** The page at / : where a newcomer finds the three apps. Server-rendered, no script. */
export function landingPage() {
  const links = [
    { href: '/resident/', zh: '居民端：积分与积分码', en: 'Resident app: balance and points code' },
    { href: '/merchant/', zh: '商户端：扫码核销', en: 'Merchant app: scan and redeem' },
    { href: '/console/', zh: '协调员控制台', en: 'Coordinator console' },
    { href: '/docs', zh: '接口文档（收银系统对接）', en: 'API reference (POS integration)' },
  ];
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>德商联盟 文明积分</title>
        <style>{`body{font:20px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#111}
a{display:block;padding:1rem;margin:.75rem 0;border:2px solid #b91c1c;border-radius:.75rem;color:#b91c1c;text-decoration:none}
small{display:block;color:#444;font-size:16px}`}</style>
      </head>
      <body>
        <h1>德商联盟 · 文明积分</h1>
        <p>Civilization points merchant alliance</p>
        {links.map((l) => (
          <a href={l.href}>
            {l.zh}
            <small>{l.en}</small>
          </a>
        ))}
      </body>
    </html>
  );
}
