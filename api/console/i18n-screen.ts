/**
 * The console's words for the public screen (一屏公示): making a screen link, showing it on the
 * television, revoking it. zh-CN first; English beside it. i18n.ts hangs them under `screen`.
 */

const zh = {
  screens: '公示屏',
  help: '公示屏是服务中心电视上的只读页面：今日和本月积分前十（姓名打码）、好人好事、近期活动、本月积分和联盟商家，每 15 秒自动换一屏。电视上不用登录：用下面的链接或二维码打开即可。链接可以随时停用。',
  newScreen: '新建公示屏链接',
  name: '放在哪里（如“服务中心大厅”）',
  community: '只显示这个社区的排名（留空则全联盟）',
  allCommunities: '全联盟',
  create: '生成链接',
  made: '已生成公示屏链接。在电视的浏览器里打开下面的链接（或用手机扫二维码后投屏），再切换成全屏显示。',
  list: '公示屏链接',
  none: '还没有公示屏链接。',
  where: '位置',
  shows: '范围',
  created: '创建时间',
  lastSeen: '电视最近读取',
  never: '从未',
  state: '状态',
  active: '使用中',
  revoked: (at: string) => `已停用（${at}）`,
  link: '链接：',
  revoke: '停用',
  revokeTitle: (name: string) => `停用公示屏链接“${name}”？`,
  revokeExplain:
    '停用后，用这个链接打开的电视只显示“此公示屏链接已停用”，不再显示任何数据；链接不能恢复，需要时请新建一个。',
  confirmRevoke: '确认停用',
  revokedNote: '已停用。',
  qrOf: (name: string) => `${name} 的公示屏二维码`,
};

export type ScreenWords = typeof zh;

const en: ScreenWords = {
  screens: 'Public screens',
  help: 'A public screen is a read-only page for the television at the service centre: the top ten of today and this month (names masked), good deeds, coming activities, this month’s points and the alliance’s merchants, turning every 15 seconds. The television needs no sign-in: open the link or QR below on it. A link can be revoked at any time.',
  newScreen: 'New screen link',
  name: 'Where it hangs (e.g. “service centre hall”)',
  community: 'Rank only this community (empty: the whole alliance)',
  allCommunities: 'Whole alliance',
  create: 'Make the link',
  made: 'Screen link made. Open the link below in the television’s browser (or scan the QR and cast it) and press F11 for full screen.',
  list: 'Screen links',
  none: 'No screen links yet.',
  where: 'Where',
  shows: 'Shows',
  created: 'Created',
  lastSeen: 'Last read by the screen',
  never: 'never',
  state: 'State',
  active: 'active',
  revoked: (at: string) => `revoked (${at})`,
  link: 'Link: ',
  revoke: 'Revoke',
  revokeTitle: (name: string) => `Revoke the screen link “${name}”?`,
  revokeExplain:
    'Once revoked, a television opened with this link shows only “This screen link has been stopped” and no data. A revoked link cannot come back: make a new one when needed.',
  confirmRevoke: 'Revoke',
  revokedNote: 'Revoked.',
  qrOf: (name: string) => `QR code of the screen ${name}`,
};

export const screenWords = { zh, en };
