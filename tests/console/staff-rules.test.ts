import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, createTestApi, type TestApi } from '../helpers/api.ts';
import { consoleSession } from '../helpers/console-session.ts';
import { STAFF_PASSWORD } from './earning-world.ts';

/**
 * The coordinator's staff and rules pages through real requests: inviting with rights and areas,
 * changing them, disabling after asking first; rules whose form asks only what the kind needs,
 * an edit that is a new version, a CSV catalogue previewed line by line before it is imported,
 * the export; every refusal in words with nothing changed; the audit log in words.
 */
describe('console: staff and rules', () => {
  let api: TestApi;
  const session = consoleSession(() => api.app);
  const request = session.request;
  const page = async (path: string) => {
    const res = await request('GET', path);
    expect(res.status, path).toBe(200);
    return res.text();
  };
  /** Follows a form's redirect to the page it lands on. */
  const submit = async (path: string, form: Record<string, string> | FormData) => {
    const res = await request('POST', path, form);
    if (res.status !== 303) return { status: res.status, location: '', html: await res.text() };
    const location = res.headers.get('location')!;
    return { status: 303, location, html: await page(location) };
  };
  let coordinator = '';
  const rulesNow = async () =>
    (await (await api.call('GET', '/v1/rules', { token: coordinator })).json()).rules as {
      id: string;
      code: string;
      version: number;
      kind: string;
      min: number | null;
      limits: Record<string, number>;
      activeTo: string | null;
    }[];
  const staffNow = async () =>
    (await (await api.call('GET', '/v1/staff', { token: coordinator })).json()).staff as {
      id: string;
      email: string;
      rights: string[];
      areas: string[];
      disabled: boolean;
    }[];

  beforeAll(async () => {
    api = await createTestApi({ start: '2026-11-20T02:00:00Z' });
    coordinator = await api.login();
    const res = await request('POST', '/console/login', { ...ADMIN, next: '/console/' });
    expect(res.status).toBe(303);
  });
  afterAll(() => api.close());

  it('the coordinator invites a staff member with rights and areas; the list says them in words', async () => {
    const form = new URLSearchParams({
      name: '审核员甲',
      email: 'jia@test.cn',
      phone: '13800000001',
      password: STAFF_PASSWORD,
      areas: '容东片区\n第一网格',
    });
    form.append('rights', 'reviewer');
    form.append('rights', 'cashier');
    const fd = new FormData();
    for (const [k, v] of form) fd.append(k, v);
    const invited = await submit('/console/staff', fd);
    expect(invited.location).toBe('/console/staff?invited=1');
    expect(invited.html).toContain('已邀请');
    const row = /<tr data-staff="[^"]+" data-rights="reviewer cashier">([\s\S]*?)<\/tr>/.exec(
      invited.html,
    )?.[1];
    expect(row).toContain('审核、积分超市收银');
    expect(row).toContain('容东片区、第一网格');
    expect(row).toContain('在职');
    const jia = (await staffNow()).find((s) => s.email === 'jia@test.cn')!;
    expect(jia).toMatchObject({ rights: ['reviewer', 'cashier'], areas: ['容东片区', '第一网格'] });
    expect(await api.login('jia@test.cn', STAFF_PASSWORD)).toEqual(expect.any(String));
  });

  it('a bad invite is refused in words and creates nobody; a taken e-mail too', async () => {
    const before = (await staffNow()).length;
    const bad = await submit('/console/staff', {
      name: '',
      email: '不是邮箱',
      password: '短',
      rights: 'reviewer',
    });
    expect(bad.html).toContain('data-error="invalid_request"');
    expect(bad.html).toMatch(/请检查：.*电子邮箱/);
    expect(bad.html).toContain('密码');
    const taken = await submit('/console/staff', {
      name: '重名',
      email: 'jia@test.cn',
      password: STAFF_PASSWORD,
    });
    expect(taken.html).toContain('这个电子邮箱已经有账号了');
    expect((await staffNow()).length).toBe(before);
  });

  it('rights and areas change; disabling asks first and then signs the account out everywhere', async () => {
    const jia = (await staffNow()).find((s) => s.email === 'jia@test.cn')!;
    const edit = await page(`/console/staff/${jia.id}`);
    expect(edit).toMatch(/name="rights" value="reviewer" checked/);
    const fd = new FormData();
    fd.append('name', '审核员甲');
    fd.append('phone', '');
    fd.append('rights', 'inspector');
    fd.append('areas', '第二网格');
    fd.append('password', '');
    const saved = await submit(`/console/staff/${jia.id}`, fd);
    expect(saved.location).toBe('/console/staff?saved=1');
    expect(await staffNow()).toContainEqual(
      expect.objectContaining({ id: jia.id, rights: ['inspector'], areas: ['第二网格'] }),
    );
    expect(saved.html).toContain('检查/督导');

    const token = await api.login('jia@test.cn', STAFF_PASSWORD);
    const ask = await page(`/console/staff/${jia.id}/disable`);
    expect(ask).toContain('停用「审核员甲」的账号？');
    expect(ask).toContain('立即退出');
    expect((await staffNow()).find((s) => s.id === jia.id)!.disabled).toBe(false); // asking changes nothing
    const disabled = await submit(`/console/staff/${jia.id}/disable`, {});
    expect(disabled.html).toContain('账号已停用');
    expect(disabled.html).toMatch(/data-state="disabled">已停用/);
    expect((await api.call('GET', '/v1/rules', { token })).status).toBe(403);
    const enabled = await submit(`/console/staff/${jia.id}/enable`, {});
    expect(enabled.html).toContain('账号已恢复');
    expect((await staffNow()).find((s) => s.id === jia.id)!.disabled).toBe(false);
  });

  it('the rule form asks only what the kind needs, in words', async () => {
    const choose = await page('/console/rules/new');
    for (const words of ['固定分值', '按小时', '按范围由审核人定', '扣分']) expect(choose).toContain(words);
    const fixed = await page('/console/rules/new?kind=fixed');
    expect(fixed).toContain('name="points"');
    expect(fixed).not.toContain('name="min"');
    expect(fixed).not.toContain('name="pointsPerHour"');
    for (const words of [
      '需要照片',
      '照片可选',
      '不需要照片',
      '居民可自己申报',
      '仅工作人员代报',
      '需两人审核',
      '每天最多次数',
      '每月最多积分',
      '生效日期',
      '截止日期',
    ])
      expect(fixed).toContain(words);
    const range = await page('/console/rules/new?kind=range');
    expect(range).toContain('name="min"');
    expect(range).toContain('name="max"');
    expect(range).not.toContain('name="points"');
    const hourly = await page('/console/rules/new?kind=per_hour');
    expect(hourly).toContain('name="pointsPerHour"');
    const deduction = await page('/console/rules/new?kind=deduction');
    expect(deduction).toContain('扣多少积分');
    expect(deduction).not.toContain('name="selfClaim"');
    expect(deduction).not.toContain('name="perDay"');
  });

  it('rules are created from the form by kind and listed by category in words', async () => {
    const forms: Record<string, string>[] = [
      {
        kind: 'fixed',
        code: 'patrol',
        category: '社区公德',
        titleZh: '参加义务巡逻',
        points: '30',
        evidence: 'optional',
        selfClaim: 'yes',
        perDay: '3',
      },
      {
        kind: 'per_hour',
        code: 'volunteer',
        category: '志愿活动',
        titleZh: '志愿服务',
        pointsPerHour: '10',
        evidence: 'none',
        selfClaim: 'yes',
        pointsPerMonth: '300',
        activeFrom: '2026-11-01',
      },
      {
        kind: 'range',
        code: 'idea',
        category: '社区公德',
        titleZh: '金点子',
        min: '20',
        max: '160',
        evidence: 'required',
        selfClaim: 'no',
        fourEyes: 'yes',
      },
      {
        kind: 'deduction',
        code: 'litter',
        category: '绿色社区',
        titleZh: '乱扔垃圾',
        points: '40',
        evidence: 'optional',
        selfClaim: 'yes', // ignored: a deduction is staff's
      },
    ];
    for (const form of forms) {
      const created = await submit('/console/rules/new', form);
      expect(created.location, JSON.stringify(form)).toBe('/console/rules?created=1');
    }
    const list = await page('/console/rules');
    expect(list).toContain('<h2>社区公德</h2>');
    expect(list).toContain('每次 30 积分');
    expect(list).toContain('每天 3 次');
    expect(list).toContain('每小时 10 积分');
    expect(list).toContain('每月最多 300 积分');
    expect(list).toContain('2026-11-01 起');
    expect(list).toContain('20–160 积分，由审核人定');
    expect(list).toContain('仅工作人员代报');
    expect(list).toContain('需两人审核');
    expect(list).toContain('扣 40 积分');
    const rules = await rulesNow();
    expect(rules.find((r) => r.code === 'litter')).toMatchObject({ kind: 'deduction' });
    expect(rules.find((r) => r.code === 'volunteer')?.limits).toEqual({ pointsPerMonth: 300 });
  });

  it('a bad rule is refused in words and nothing is created', async () => {
    const before = (await rulesNow()).length;
    const bad = await submit('/console/rules/new', {
      kind: 'range',
      code: 'bad',
      category: '社区公德',
      titleZh: '坏规则',
      min: '90',
      max: '10',
      evidence: 'none',
      selfClaim: 'yes',
    });
    expect(bad.location).toContain('/console/rules/new?kind=range');
    expect(bad.html).toContain('data-error="invalid_rule"');
    expect(bad.html).toContain('按范围要填最低和最高分');
    const empty = await submit('/console/rules/new', { kind: 'fixed', code: '', category: '', titleZh: '' });
    expect(empty.html).toMatch(/请检查：.*类别/);
    const taken = await submit('/console/rules/new', {
      kind: 'fixed',
      code: 'patrol',
      category: '社区公德',
      titleZh: '重复',
      points: '1',
      evidence: 'none',
      selfClaim: 'yes',
    });
    expect(taken.html).toContain('已经有一条规则用了这个编号');
    expect((await rulesNow()).length).toBe(before);
  });

  it('an edit is a new version, and the page says so first', async () => {
    const patrol = (await rulesNow()).find((r) => r.code === 'patrol')!;
    const edit = await page(`/console/rules/${patrol.id}`);
    expect(edit).toContain('保存后生成第 2 版');
    expect(edit).toContain('已经提交的申报仍按提交时的版本计分');
    expect(edit).not.toContain('name="code"'); // the code never changes
    const saved = await submit(`/console/rules/${patrol.id}`, {
      kind: 'fixed',
      category: '社区公德',
      titleZh: '参加义务巡逻',
      points: '50',
      evidence: 'optional',
      selfClaim: 'yes',
      perDay: '',
      activeTo: '2026-12-31',
    });
    expect(saved.location).toBe('/console/rules?updated=2');
    expect(saved.html).toContain('已保存为第 2 版');
    const now = (await rulesNow()).find((r) => r.code === 'patrol')!;
    expect(now).toMatchObject({ version: 2, limits: {}, activeTo: '2026-12-31' });
    expect(saved.html).toContain('每次 50 积分');
    expect(saved.html).toContain('第 2 版');
  });

  it('a catalogue with bad lines is previewed with every bad line in words and imports nothing', async () => {
    const exported = await request('GET', '/console/rules/export.csv');
    expect(exported.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await exported.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // a BOM, for Excel
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    const [header] = csv.slice(1).split('\r\n');
    expect(header).toContain('code,category,titleZh');
    expect(csv).toContain('patrol,社区公德,参加义务巡逻');

    const before = await rulesNow();
    const bad = `${header}\r\nreading,学习园地,阅读文章,,fixed,2,,,,none,yes,no,1,,,,,\r\nbad one,学习园地,坏,,fixed,,,,,none,yes,no,,,,,,\r\nreading,学习园地,重复,,sometimes,,,,,none,maybe,no,,,,,,\r\n`;
    const upload = (text: string) => {
      const fd = new FormData();
      fd.set('file', new Blob([text], { type: 'text/csv' }), 'rules.csv');
      return request('POST', '/console/rules/import/preview', fd);
    };
    const preview = await upload(bad);
    expect(preview.status).toBe(422);
    const html = await preview.text();
    const problems = [...html.matchAll(/<tr class="problem" data-line="(\d+)">([\s\S]*?)<\/tr>/g)];
    expect(problems.map((p) => p[1])).toEqual(['3', '4']);
    expect(problems[0]![2]).toContain('「代码」填写不对');
    expect(problems[1]![2]).toContain('「类型」填写不对');
    expect(problems[1]![2]).toContain('「谁来申报」填写不对');
    expect(problems[1]![2]).toContain('编号与第 2 行重复');
    expect(html).toContain('一条也没有导入');
    expect(html).not.toContain('/console/rules/import/apply');
    expect(await rulesNow()).toEqual(before);

    const good = `${header}\r\nreading,学习园地,阅读文章,,fixed,2,,,,none,yes,no,1,,,,,\r\n${csv.slice(1).split('\r\n')[1]}\r\n`;
    const clean = await upload(good);
    expect(clean.status).toBe(200);
    const cleanHtml = await clean.text();
    expect(cleanHtml).toContain('文件没有问题');
    const content = /name="content" value="([^"]+)"/.exec(cleanHtml)![1]!;
    const applied = await request('POST', '/console/rules/import/apply', { content });
    expect(await applied.text()).toContain('导入完成：新建 1 条，更新 0 条，未变化 1 条');
    expect((await rulesNow()).map((r) => r.code)).toContain('reading');
    const again = await request('POST', '/console/rules/import/apply', { content });
    expect(await again.text()).toContain('新建 0 条，更新 0 条，未变化 2 条');
  });

  it('staff without the right are refused the staff and rules pages in words, and do not see them', async () => {
    await api.call('POST', '/v1/staff', {
      token: coordinator,
      body: { name: '窗口人员', email: 'desk@test.cn', password: STAFF_PASSWORD, rights: ['reviewer'] },
    });
    const desk = consoleSession(() => api.app);
    await desk.request('POST', '/console/login', {
      email: 'desk@test.cn',
      password: STAFF_PASSWORD,
      next: '/console/',
    });
    const home = await (await desk.request('GET', '/console/')).text();
    expect(home).not.toContain('href="/console/staff"');
    expect(home).not.toContain('href="/console/rules"');
    expect(home).toContain('href="/console/review"');
    for (const path of ['/console/staff', '/console/rules', '/console/rules/new?kind=fixed']) {
      const res = await desk.request('GET', path);
      expect(res.status, path).toBe(403);
      expect(await res.text()).toContain('只有联盟协调员可以做这个操作');
    }
    const before = (await rulesNow()).length;
    const post = await desk.request('POST', '/console/rules/new', {
      kind: 'fixed',
      code: 'sneaky',
      category: '社区公德',
      titleZh: '偷偷加的',
      points: '1000',
      evidence: 'none',
      selfClaim: 'yes',
    });
    expect(post.status).toBe(403);
    expect((await rulesNow()).length).toBe(before);
  });

  it('the audit log says what was done, in words, naming the staff member and the rule', async () => {
    const log = await page('/console/audit');
    for (const words of [
      '邀请工作人员',
      '修改工作人员',
      '新建积分规则',
      '修改积分规则（新版本）',
      '导入积分规则表格',
    ])
      expect(log).toContain(words);
    expect(log).toMatch(/<strong>审核员甲<\/strong>/);
    expect(log).toMatch(/<strong>参加义务巡逻<\/strong>/);
    expect(log).toContain('权限 检查/督导');
    expect(log).toContain('账号 已停用');
  });
});
