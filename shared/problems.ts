/**
 * The one registry of error codes: every problem the API can answer, its HTTP status, and its
 * words in zh-CN and English. The API throws only these (AppError takes a `ProblemCode`), the
 * phone apps and the console turn codes into words through `problemWords`, and docs/api.md is
 * held to this list by a test. A code nobody registered fails `tsc` wherever it is used.
 *
 * Words are for the person in front of the screen: what happened and what to do next, with no
 * internal names. Specific English details (which field, which id) travel beside them in the
 * problem document's `detail`, for developers and logs, never on a Chinese screen.
 */

export type ProblemLang = 'zh' | 'en';

interface ProblemEntry {
  status: number;
  zh: string;
  en: string;
}

export const PROBLEMS = {
  // The request itself
  invalid_request: {
    status: 400,
    zh: '填写的内容有误，请检查后再试。',
    en: 'Some of what was sent is not right. Check it and try again.',
  },
  malformed_json: {
    status: 400,
    zh: '请求格式不对，请更新应用后再试。',
    en: 'The request body is not valid JSON. Check its syntax.',
  },
  unsupported_media_type: {
    status: 415,
    zh: '请求格式不对，请更新应用后再试。',
    en: 'Send the body as application/json (or as a form, for console pages).',
  },
  payload_too_large: {
    status: 413,
    zh: '一次发送的内容太多，请分几次发送。',
    en: 'The request body is too large. Send fewer records per request.',
  },
  cross_site_request: {
    status: 403,
    zh: '这个表单不是从本系统的页面提交的，请重新打开页面再试。',
    en: 'This form was not sent from this site’s own page. Open the page again and retry.',
  },
  not_found: {
    status: 404,
    zh: '找不到这个内容，请检查地址。',
    en: 'Nothing is here. Check the address.',
  },
  // Signing in
  unauthenticated: {
    status: 401,
    zh: '请先登录。',
    en: 'Sign in first: this request needs an Authorization: Bearer token.',
  },
  invalid_token: {
    status: 401,
    zh: '登录已过期，请重新登录。',
    en: 'Your sign-in is not valid or has expired. Sign in again.',
  },
  invalid_refresh_token: {
    status: 401,
    zh: '登录已结束，请重新登录或重新登记。',
    en: 'This sign-in has ended. Sign in or enroll again.',
  },
  invalid_credentials: {
    status: 401,
    zh: '邮箱（或手机号）或密码不对，请检查后再试。',
    en: 'The e-mail (or phone) or the password is wrong. Check them and try again.',
  },
  account_disabled: {
    status: 403,
    zh: '这个账户已停用，请联系联盟协调员。',
    en: 'This account has been disabled. Ask the alliance coordinator.',
  },
  too_many_attempts: {
    status: 429,
    zh: '尝试次数太多，请过几分钟再试。',
    en: 'Too many attempts. Wait a few minutes and try again.',
  },
  forbidden: {
    status: 403,
    zh: '您的账户不能做这个操作。',
    en: 'Your account may not do this.',
  },
  coordinator_only: {
    status: 403,
    zh: '只有联盟协调员可以做这个操作。',
    en: 'Only the alliance coordinator may do this.',
  },
  metrics_token_required: {
    status: 401,
    zh: '监控数据需要令牌。',
    en: 'Metrics need the configured METRICS_TOKEN as a Bearer token.',
  },
  device_revoked: {
    status: 403,
    zh: '这台设备已被联盟停用，请向协调员要新的登记码。',
    en: 'This device has been revoked by the alliance. Ask the coordinator for a new enrollment code.',
  },
  invalid_enrollment_code: {
    status: 400,
    zh: '这个登记码不对、已经用过或已过期。请向社区工作人员要一张新的登记单。',
    en: 'This enrollment code is wrong, used or expired. Ask the community staff for a new one.',
  },
  invalid_public_key: {
    status: 400,
    zh: '设备密钥不对，请重新打开商户端再登记。',
    en: 'The device key is not 32 bytes of base64url. Open the merchant app again and enroll.',
  },
  // Things that are not (or no longer) there
  alliance_not_found: { status: 404, zh: '找不到这个联盟。', en: 'No such alliance.' },
  resident_not_found: { status: 404, zh: '找不到这位居民。', en: 'No such resident in your alliance.' },
  household_not_found: { status: 404, zh: '找不到这个家庭。', en: 'No such household in your alliance.' },
  merchant_not_found: { status: 404, zh: '找不到这个商户。', en: 'No such merchant in your alliance.' },
  device_not_found: { status: 404, zh: '找不到这台设备。', en: 'No such device in your alliance.' },
  statement_not_found: { status: 404, zh: '找不到这张结算单。', en: 'No such statement in your alliance.' },
  conflict_not_found: { status: 404, zh: '找不到这条争议。', en: 'No such conflict in your alliance.' },
  period_not_found: { status: 404, zh: '找不到这个结算月。', en: 'No such settlement period.' },
  redemption_not_found: { status: 404, zh: '找不到这笔核销记录。', en: 'No such redemption.' },
  invalid_short_code: {
    status: 400,
    zh: '码号是 8 位数字，请核对后再输入。',
    en: 'A code number is 8 digits. Check it and type it again.',
  },
  voucher_not_found: {
    status: 404,
    zh: '没有找到这个码号的积分码。请核对数字，或请顾客重新出示积分码。',
    en: 'No open points code has these digits. Check them, or ask the customer to show the code again.',
  },
  // Earning points
  rule_not_found: {
    status: 404,
    zh: '找不到这条积分规则。',
    en: 'No such rule in your alliance.',
  },
  claim_not_found: {
    status: 404,
    zh: '找不到这条申报。',
    en: 'No such claim.',
  },
  deduction_not_found: {
    status: 404,
    zh: '找不到这条扣分记录。',
    en: 'No such deduction.',
  },
  evidence_not_found: {
    status: 404,
    zh: '找不到这张照片，或者它已经用在别的申报里了。请重新拍照上传。',
    en: 'A photo id is unknown, not yours, or already used. Upload the photo again.',
  },
  evidence_removed: {
    status: 410,
    zh: '这张照片已过保存期限，已被删除；审核结果不受影响。',
    en: 'This photo was removed after the retention period; the decision stands.',
  },
  staff_not_found: {
    status: 404,
    zh: '找不到这位工作人员。',
    en: 'No such staff member in your alliance.',
  },
  rule_code_taken: {
    status: 409,
    zh: '已经有一条规则用了这个编号，请换一个编号。',
    en: 'A rule with that code exists. Choose another code.',
  },
  invalid_rule: {
    status: 400,
    zh: '规则填写不完整：固定积分和扣分要填分值，按小时要填每小时积分，按范围要填最低和最高分。',
    en: 'The rule is incomplete: fixed and deduction rules need points, per-hour rules points per hour, range rules a min and a max.',
  },
  invalid_rule_file: {
    status: 400,
    zh: '规则文件有问题，一条也没有导入。请按提示改正后重新上传。',
    en: 'The rules file has problems and nothing was imported. Correct the lines named and send it again.',
  },
  rule_not_claimable: {
    status: 400,
    zh: '扣分规则由工作人员登记，不能申报。',
    en: 'A deduction rule is recorded by staff, not claimed.',
  },
  staff_only_rule: {
    status: 403,
    zh: '这一项只能由社区工作人员代为申报。',
    en: 'Only staff may file a claim under this rule.',
  },
  rule_inactive: {
    status: 409,
    zh: '这条规则在那一天不适用，请检查日期。',
    en: 'The rule was not in force on that day. Check the date.',
  },
  not_a_deduction_rule: {
    status: 400,
    zh: '请选择一条扣分规则。',
    en: 'Choose a deduction rule.',
  },
  invalid_day: {
    status: 400,
    zh: '日期不对，请重新选择。',
    en: 'The date is not valid: write it like 2026-11-22.',
  },
  future_day: {
    status: 400,
    zh: '不能申报还没到的日子，请选择今天或以前的日期。',
    en: 'A claim cannot be for a day after today.',
  },
  hours_required: {
    status: 400,
    zh: '请填写时长，以半小时为单位（例如 1.5 小时）。',
    en: 'Say how many hours, in half hours (e.g. 1.5).',
  },
  hours_not_allowed: {
    status: 400,
    zh: '这一项不按时长计分，不用填写时长。',
    en: 'This rule does not count hours: leave them out.',
  },
  evidence_required: {
    status: 400,
    zh: '这一项需要至少一张照片作为证明。',
    en: 'This rule needs at least one photo.',
  },
  evidence_not_allowed: {
    status: 400,
    zh: '这一项不需要照片。',
    en: 'This rule takes no photos.',
  },
  limit_reached: {
    status: 409,
    zh: '这一项已达到规定的次数或分数上限，不能再申报。',
    en: 'The rule allows no more claims (or points) in this period.',
  },
  claim_not_waiting: {
    status: 409,
    zh: '只有在审核人要求补充材料时才能补充。',
    en: 'Material can be added only when the reviewer asked for it.',
  },
  material_required: {
    status: 400,
    zh: '请补充说明或照片。',
    en: 'Add a note or a photo.',
  },
  evidence_too_large: {
    status: 413,
    zh: '照片太大了，请重新拍照，或选一张小一点的照片。',
    en: 'A photo may be at most 1 MiB. Scale it down and send it again.',
  },
  unsupported_image: {
    status: 415,
    zh: '只能上传照片，这个文件不是照片。',
    en: 'Send a JPEG, PNG or WebP photo.',
  },
  claim_decided: {
    status: 409,
    zh: '这条申报已经审核完毕。',
    en: 'This claim is already decided.',
  },
  own_claim: {
    status: 403,
    zh: '不能审核自己代为申报的内容，请交给其他审核人。',
    en: 'You filed this claim: another reviewer decides it.',
  },
  second_reviewer_required: {
    status: 409,
    zh: '需要另一位审核人再审一次，同一个人不能审两次。',
    en: 'The second decision must come from another reviewer.',
  },
  points_out_of_range: {
    status: 400,
    zh: '分值超出了这条规则允许的范围。',
    en: 'The points are outside what the rule allows.',
  },
  points_disagree: {
    status: 409,
    zh: '第二位审核人的分值要和第一位一致；如有不同意见，请退回补充材料或不予通过。',
    en: 'The second approval must give the points the first gave.',
  },
  appeal_already: {
    status: 409,
    zh: '这条扣分已经申诉过了，每条只能申诉一次。',
    en: 'This deduction was appealed already: one appeal each.',
  },
  appeal_window_closed: {
    status: 409,
    zh: '已经过了申诉期限。',
    en: 'The time to appeal has passed.',
  },
  appeal_not_open: {
    status: 409,
    zh: '这条扣分没有待处理的申诉。',
    en: 'There is no appeal waiting on this deduction.',
  },
  staff_email_taken: {
    status: 409,
    zh: '这个电子邮箱已经有账号了。',
    en: 'An account with that e-mail exists.',
  },
  staff_phone_taken: {
    status: 409,
    zh: '这个手机号已经有工作人员账号了。',
    en: 'A staff account signs in with that phone number.',
  },
  sign_in_code_expired: {
    status: 401,
    zh: '一次性登录码已过期，请联系协调员重新生成。',
    en: 'This sign-in code has expired. Ask the coordinator for a new one.',
  },
  own_household: {
    status: 403,
    zh: '这是您自己或家人的申报，请交给其他审核人。',
    en: 'This claim is yours or your household’s: another reviewer decides it.',
  },
  // Rules of the domain
  offer_code_taken: {
    status: 409,
    zh: '这个商户已经有同一编号的优惠，请换一个编号。',
    en: 'This merchant already has an offer with that code. Choose another code.',
  },
  // Offer rules and coupons (issue #18)
  offer_limit_reached: {
    status: 409,
    zh: '这位顾客这次已用完这个优惠的次数（例如每人每月限一次），这次不能再优惠。',
    en: 'This person has already used this offer as often as it allows (e.g. once a month). No discount this time.',
  },
  offer_out_of_season: {
    status: 409,
    zh: '现在不在这个优惠的活动时间内（请看优惠的日期、星期和时段）。',
    en: 'This offer does not hold now (see its dates, weekdays and hours).',
  },
  offer_min_bill: {
    status: 409,
    zh: '消费金额还没到这个优惠的最低消费，不能使用。',
    en: 'The bill is below this offer’s minimum. The offer cannot be used.',
  },
  offer_not_found: { status: 404, zh: '找不到这个优惠。', en: 'No such offer at this merchant.' },
  offer_not_coupon: {
    status: 409,
    zh: '这个优惠不能用积分兑换成优惠券，或已经停用。',
    en: 'This offer cannot be bought as a coupon, or it is no longer on.',
  },
  coupon_not_found: { status: 404, zh: '找不到这张优惠券。', en: 'No such coupon of yours.' },
  coupon_not_usable: {
    status: 409,
    zh: '这张优惠券已经用过、已过期或积分已退回，不能再出示。',
    en: 'This coupon was used, has expired or was refunded: it cannot be shown again.',
  },
  invalid_funding: {
    status: 400,
    zh: '补贴方式填写不完整：按积分补贴要填每积分几分钱（0 到 10000），按比例补贴要填 1 到 100 的百分比。',
    en: 'The funding rule is incomplete: per point needs fen per point (0 to 10000), a share needs a percent from 1 to 100.',
  },
  funding_month_closed: {
    status: 409,
    zh: '这个月已经结算，不能再改补贴方式。请从还没结算的月份开始设置。',
    en: 'That month is already settled and its funding cannot change. Set the rule from a month not yet closed.',
  },
  insufficient_points: {
    status: 409,
    zh: '可用积分不够这个数。',
    en: 'Not enough points are available for this amount.',
  },
  vouchers_open: {
    status: 409,
    zh: '这位居民还有正在出示的积分码，请等码用完或过期后再改。',
    en: 'This resident still has a points code open. Try again when it is used or expired.',
  },
  invalid_points: {
    status: 400,
    zh: '积分必须是 1 以上的整数。',
    en: 'Points must be a whole number of at least 1.',
  },
  reason_required: { status: 400, zh: '请写明原因。', en: 'Give a reason.' },
  reference_required: {
    status: 400,
    zh: '请填写付款凭证号。',
    en: 'Give the payment reference (a bank transfer number, a receipt number).',
  },
  invalid_month: {
    status: 400,
    zh: '月份不对，请按 2026-11 这样的格式填写（2000 到 2100 年）。',
    en: 'The month is not valid: write it like 2026-11 (years 2000 to 2100).',
  },
  not_reversible_not_accepted: {
    status: 409,
    zh: '只有成功的核销才能撤销。',
    en: 'Only a capture that was accepted can be reversed.',
  },
  not_reversible_not_same_day: {
    status: 409,
    zh: '核销只能在当天撤销。请联系联盟协调员更正。',
    en: 'A capture can be reversed only on the day it was made. Ask the coordinator for a correction.',
  },
  period_not_over: {
    status: 409,
    zh: '这个月还没有结束，结束后才能结算。',
    en: 'This period has not ended yet: close it after it ends.',
  },
  earlier_period_open: {
    status: 409,
    zh: '请先结算更早的月份。',
    en: 'An earlier period is still open: close the months in order.',
  },
  statement_already_paid: {
    status: 409,
    zh: '这张结算单已经用另一个凭证号标记为已付款。',
    en: 'This statement was already marked paid with another reference.',
  },
  conflict_already_decided: {
    status: 409,
    zh: '这条争议已经有人处理过了。',
    en: 'Someone has already decided this conflict.',
  },
  // Household cards (issue #19)
  card_not_found: {
    status: 404,
    zh: '没有找到这张积分卡，请核对卡号。',
    en: 'No card has this number or code. Check the number on the card.',
  },
  card_invalid: {
    status: 400,
    zh: '这不是本联盟的积分卡，请重新扫码或输入卡号。',
    en: 'This is not a card of this alliance. Scan it again or type the card number.',
  },
  card_lost: {
    status: 410,
    zh: '这张积分卡已挂失，不能使用。请持卡人到服务中心补办。',
    en: 'This card was reported lost and cannot be used. The holder can get a new card at the service centre.',
  },
  card_replaced: {
    status: 410,
    zh: '这张积分卡已换成新卡，旧卡不能再用。',
    en: 'This card was replaced by a new one and cannot be used.',
  },
  card_locked: {
    status: 423,
    zh: '密码连续输错五次，这张卡已锁定。请持卡人到服务中心解锁。',
    en: 'Five wrong PINs locked this card. Staff at the service centre can unlock it.',
  },
  card_pin_wrong: {
    status: 422,
    zh: '密码不对，请再输一次。连续输错五次卡会锁定。',
    en: 'Wrong PIN. Try again: five wrong PINs lock the card.',
  },
  card_pin_not_set: {
    status: 409,
    zh: '这张卡还没有设密码。请持卡人先到服务中心设密码。',
    en: 'This card has no PIN yet. The holder sets one at the service centre first.',
  },
  card_pin_weak: {
    status: 400,
    zh: '这个密码太容易被猜到（如 000000、123456），请换一个。',
    en: 'This PIN is too easy to guess (such as 000000 or 123456). Choose another.',
  },
  card_pin_mismatch: {
    status: 400,
    zh: '两次输入的密码不一样，请重新输入。',
    en: 'The two PINs are not the same. Type it again.',
  },
  record_id_taken: {
    status: 409,
    zh: '这笔记录的编号已被用过，请重新扫码。',
    en: 'This record id is already used by another device or shop. Make a new id.',
  },
  idempotency_key_required: {
    status: 400,
    zh: '请求缺少防重复编号，请更新收银系统。',
    en: 'Send an Idempotency-Key header (8–100 letters, digits, "-", "_", ".", ":"), new for each operation and the same on its retries.',
  },
  idempotency_key_reused: {
    status: 409,
    zh: '这个防重复编号已经用于另一笔操作，请换一个新的。',
    en: 'This Idempotency-Key was already used for a different request. Use a new key for a new operation.',
  },
  idempotency_conflict: {
    status: 409,
    zh: '这个编号已经用于另一笔记账操作。',
    en: 'This ledger id was already used for a different operation.',
  },
  voucher_id_reused: {
    status: 409,
    zh: '积分码编号重复，请再试一次。',
    en: 'This voucher id is already in use. Try again.',
  },
  invalid_voucher_id: {
    status: 400,
    zh: '积分码编号不对。',
    en: 'A voucher id is 24 lowercase hex characters.',
  },
  bad_option: { status: 400, zh: '选项不对。', en: 'That option is not valid.' },
  // Households and inspections
  template_not_found: {
    status: 404,
    zh: '找不到这个检查模板。',
    en: 'No such inspection template in your alliance.',
  },
  invalid_template: {
    status: 400,
    zh: '检查模板填写有误：项目编号不能重复，加分项要有上限。',
    en: 'The template is not valid: item codes must be unique, and a bonus section needs a cap.',
  },
  plate_not_found: {
    status: 404,
    zh: '这个门牌码无效或已经重新发放，请扫描新的门牌。',
    en: 'This door plate is unknown or was reissued. Scan the new plate.',
  },
  outside_your_area: {
    status: 403,
    zh: '这户不在您负责的网格内。',
    en: 'This household is not in your grids or communities.',
  },
  door_number_taken: {
    status: 409,
    zh: '这个门牌号已经登记过了。',
    en: 'A household with that door number exists.',
  },
  invalid_check_items: {
    status: 400,
    zh: '检查项目不对：每个项目都要评一次，不能有模板以外的项目。',
    en: 'Each item of the template must be marked once, and only the template’s items.',
  },
  future_check: {
    status: 400,
    zh: '检查日期不能晚于今天。',
    en: 'A check cannot be for a day after today.',
  },
  scoring_month_closed: {
    status: 409,
    zh: '这个月的评分已经结束，不能再录入检查。',
    en: 'That scoring month is closed: checks can no longer be entered for it.',
  },
  second_check_this_week: {
    status: 409,
    zh: '这户本周已经检查过了。确实要再检查一次吗？',
    en: 'This household was already checked this week. Confirm to record a second check.',
  },
  scoring_month_not_over: {
    status: 409,
    zh: '这个月还没有结束，结束后才能评分。',
    en: 'This month has not ended yet: close its scoring after it ends.',
  },
  sheet_not_found: {
    status: 404,
    zh: '找不到这张评分表。',
    en: 'No such scoring sheet.',
  },
  objection_window_closed: {
    status: 409,
    zh: '已经过了提出异议的期限。',
    en: 'The time to object to this sheet has passed.',
  },
  objection_open: {
    status: 409,
    zh: '这张评分表已有一条异议在处理中。',
    en: 'An objection to this sheet is already waiting for a decision.',
  },
  objection_not_found: {
    status: 404,
    zh: '找不到这条异议。',
    en: 'No such objection.',
  },
  objection_decided: {
    status: 409,
    zh: '这条异议已经处理过了。',
    en: 'This objection was already decided.',
  },
  // Activities
  activity_not_found: {
    status: 404,
    zh: '找不到这个活动。',
    en: 'No such activity in your alliance.',
  },
  activity_rule_not_usable: {
    status: 400,
    zh: '活动只能用固定积分或按小时计分、不要求照片的规则。',
    en: 'An activity’s rule gives fixed points or points per hour, and needs no photos.',
  },
  invalid_activity_times: {
    status: 400,
    zh: '活动时间不对：结束要晚于开始（一天之内），报名截止不能晚于开始。',
    en: 'The times are not right: the end after the start (within a day), the sign-up deadline no later than the start.',
  },
  signup_closed: {
    status: 409,
    zh: '报名已经截止了。',
    en: 'Sign-up for this activity has closed.',
  },
  activity_not_open_to_you: {
    status: 403,
    zh: '这个活动只面向其他社区的居民。',
    en: 'This activity is open to residents of other communities only.',
  },
  activity_full: {
    status: 409,
    zh: '活动名额和候补都已经满了。',
    en: 'Every place and the waiting list are taken.',
  },
  signup_not_found: {
    status: 404,
    zh: '您没有报名这个活动。',
    en: 'There is no sign-up for this activity to cancel.',
  },
  activity_closed: {
    status: 409,
    zh: '这个活动已经结束了。',
    en: 'This activity is closed.',
  },
  checkin_code_invalid: {
    status: 400,
    zh: '这不是这个活动的签到码，请扫描现场的二维码。',
    en: 'This is not this activity’s check-in code. Scan the QR at the venue.',
  },
  checkin_code_expired: {
    status: 410,
    zh: '签到码已经过期了（每半分钟换一次），请扫描现场屏幕上的新二维码。',
    en: 'This check-in code has expired (it changes every 30 seconds). Scan the QR on the organizer’s screen again.',
  },
  not_signed_up: {
    status: 409,
    zh: '您没有这个活动的名额，请找组织者登记。',
    en: 'You have no place in this activity. Ask the organizer to tick you in.',
  },
  not_checked_in: {
    status: 409,
    zh: '还没有签到，请先签到再签退。',
    en: 'Not checked in yet: check in first, then out.',
  },
  activity_not_started: {
    status: 409,
    zh: '活动还没有开始，开始后才能结束活动。',
    en: 'The activity has not started yet: close it once it has.',
  },
  invalid_attendee_hours: {
    status: 400,
    zh: '时长不对：以半小时为单位，不能超过活动的时长，每人填一次。',
    en: 'Hours go in half hours, no more than the activity’s length, each attendee once.',
  },
  // The public screen (一屏公示)
  screen_link_not_found: {
    status: 404,
    zh: '此公示屏链接已停用或不存在。',
    en: 'This screen link is unknown. Ask the coordinator for the link shown in the console.',
  },
  screen_link_revoked: {
    status: 404,
    zh: '此公示屏链接已停用。',
    en: 'This screen link was revoked. Ask the coordinator for a new one.',
  },
  screen_photo_not_found: {
    status: 404,
    zh: '这张照片不在公示屏上。',
    en: 'This photo is not among the good deeds the screen shows.',
  },
  award_period_not_over: {
    status: 409,
    zh: '这个月（或这一年）还没有结束，结束后才能登记奖励。',
    en: 'This month (or year) has not ended yet: record awards for it after it ends.',
  },
  holder_not_ranked: {
    status: 409,
    zh: '此人（或此户）不在这个排行榜上，不能登记奖励。',
    en: 'This resident or household is not in that ranking: only those ranked can be awarded.',
  },
  // The points supermarket (积分超市)
  goods_not_found: {
    status: 404,
    zh: '没有这件商品，或者它不在这家店上架。',
    en: 'No such good, or it is not on sale at this shop.',
  },
  barcode_taken: {
    status: 409,
    zh: '这个条形码已经是本店另一件商品的了。',
    en: 'This barcode belongs to another good of this shop.',
  },
  out_of_stock: {
    status: 409,
    zh: '库存不够：货架上没有这么多了。请减少数量，或先登记到货。',
    en: 'Not enough in stock. Take fewer, or record the delivery first.',
  },
  goods_photo_missing: {
    status: 404,
    zh: '这件商品还没有照片。',
    en: 'This good has no photo yet.',
  },
  flagged_exchange_not_found: {
    status: 404,
    zh: '没有这笔待核对的离线兑换。',
    en: 'No such flagged offline exchange.',
  },
  basket_prices_changed: {
    status: 409,
    zh: '商品的积分价格变了，请刷新商品后重新结算。',
    en: 'Prices changed since the basket was made. Refresh the goods and ring it up again.',
  },
  // The server
  no_signing_key: {
    status: 503,
    zh: '联盟还没有可用的签名密钥，请联系联盟协调员。',
    en: 'The alliance has no active voucher key. The operator must run `alliance keys rotate`.',
  },
  service_unavailable: {
    status: 503,
    zh: '服务器暂时忙不过来，请稍后再试。商户端会先把记录存在手机里。',
    en: 'The server cannot reach its database right now. Try again shortly.',
  },
  internal_error: {
    status: 500,
    zh: '服务器出错了。请再试一次；如果一直这样，请告诉联盟协调员。',
    en: 'Something went wrong on the server. Try again; if it keeps happening, tell the alliance coordinator.',
  },
} as const satisfies Record<string, ProblemEntry>;

export type ProblemCode = keyof typeof PROBLEMS;

export const isProblemCode = (code: unknown): code is ProblemCode =>
  typeof code === 'string' && Object.hasOwn(PROBLEMS, code);

export const problemStatus = (code: ProblemCode): number => PROBLEMS[code].status;

/** The words for a code; an unknown code (an older or newer server) gets the generic words. */
export function problemWords(code: string, lang: ProblemLang): string {
  return isProblemCode(code) ? PROBLEMS[code][lang] : PROBLEMS.internal_error[lang];
}
