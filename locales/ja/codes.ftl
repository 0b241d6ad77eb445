## Labels of every code of the API contract ("Codes"). Key: {prefix}-{code}.

## age_band
age_band-20s = 20代
age_band-30s = 30代
age_band-40s = 40代
age_band-50s = 50代
age_band-60s_plus = 60代以上

## industry
industry-manufacturing = 製造業
industry-it_telecom = IT・通信
industry-finance_insurance = 金融・保険
industry-retail_wholesale = 小売・卸売
industry-transport_logistics = 運輸・物流
industry-construction_real_estate = 建設・不動産
industry-medical_welfare = 医療・福祉
industry-education = 教育
industry-public_sector = 官公庁・公共団体
industry-consulting_services = コンサルティング・サービス
industry-media_advertising = メディア・広告
industry-energy_infrastructure = エネルギー・インフラ
industry-food_hospitality = 飲食・宿泊
industry-other = その他

## company_size
company_size-large = 大企業
company_size-sme = 中小企業
company_size-startup = スタートアップ・ベンチャー
company_size-public = 官公庁・公的機関
company_size-nonprofit = NPO・非営利団体

## job_function
job_function-sales = 営業
job_function-marketing = マーケティング・広報
job_function-engineering = 技術・エンジニアリング
job_function-research = 研究・開発
job_function-production = 製造・生産管理
job_function-hr = 人事
job_function-finance_accounting = 経理・財務
job_function-legal = 法務
job_function-general_affairs = 総務
job_function-it = 情報システム
job_function-planning = 経営企画・事業企画
job_function-customer_service = カスタマーサポート・接客
job_function-other = その他

## position
position-staff = 一般社員
position-leader = 主任・リーダー
position-manager = 課長・マネージャー
position-senior_manager = 部長・シニアマネージャー
position-executive = 役員・経営層
position-specialist = 専門職

## employment
employment-full_time = 正社員（フルタイム）
employment-short_hours = 時短勤務
employment-on_leave = 休業中（産休・育休など）
employment-other = その他

## leave_status
leave_status-none = 休業の経験なし
leave_status-on_leave = 現在休業中
leave_status-returned_within_1y = 復職して1年以内
leave_status-returned_over_1y = 復職して1年以上

## concern
concern-return_from_leave = 育休からの復職
concern-management_offer = 管理職の打診を受けるかどうか
concern-promotion_exam = 昇格試験
concern-no_role_model = 身近にロールモデルがいない
concern-work_life_balance = 仕事と家庭の両立
concern-step_up_without_management = 管理職以外でのキャリアアップ
concern-job_change = 転職
concern-skills = スキルアップ・学び直し
concern-leadership = リーダーシップ
concern-relationships_at_work = 職場の人間関係
concern-other = その他

## self_check
self_check-not_invited_to_meetings = 会議に呼ばれなくなった
self_check-flat_evaluation = 評価が「標準」のまま上がらない
self_check-more_chores = 雑務が増えた
self_check-assistant_work_only = 補助的な仕事ばかりになった
self_check-told_not_to_push = 「無理しないで」と言われる
self_check-lost_confidence = 自信をなくしている

## experience
experience-same_industry = 同じ業界
experience-same_company_size = 同じ規模の会社
experience-sme = 中小企業での経験
experience-large_company = 大企業での経験
experience-parenting = 育児経験
experience-single_parent = シングルマザー
experience-single = 独身
experience-returned_after_homemaking = 専業主婦から再就職
experience-overseas = 海外勤務の経験
experience-first_woman_manager = 男性の多い職場で初の女性管理職
experience-male_dominated_workplace = 男性の多い職場でのキャリア
experience-executive = 役員経験
experience-manager = 管理職経験
experience-sales = 営業職の経験
experience-hr = 人事の経験
experience-stem = 理系・技術職の経験
experience-career_change = 転職の経験

## availability
availability-weekday_morning = 平日の朝
availability-weekday_lunch = 平日の昼休み
availability-weekday_evening = 平日の夜
availability-weekend = 土日

## plan_kind
plan_kind-single = 1回プラン
plan_kind-three = 3回プラン

## importance
importance-must = 必須
importance-nice = あれば嬉しい
importance-hint = 相談内容から

## role
role-mentee = メンティ
role-mentor = メンター
role-coordinator = 事務局

## intake_status
intake_status-all = すべて
intake_status-draft = 下書き
intake_status-submitted = 提出済み
intake_status-matching = マッチング中
intake_status-matched = マッチング済み
intake_status-withdrawn = 取り下げ

## assignment_status
assignment_status-pending = 回答待ち
assignment_status-accepted = 承諾
assignment_status-declined = 辞退
assignment_status-withdrawn = 取り下げ

## plan_status
plan_status-active = 進行中
plan_status-completed = 完了
plan_status-cancelled = 中止

## session_status
session_status-unscheduled = 日程未定
session_status-proposed = 日程を提案中
session_status-scheduled = 日程確定
session_status-held = 実施済み
session_status-cancelled = 中止

## sheet_status
sheet_status-none = 未記入
sheet_status-draft = 下書き
sheet_status-submitted = 提出済み
sheet_status-replied = 返信済み
waiting-scheduling = 日程調整待ち
waiting-sheet = シート提出待ち
waiting-reply = 返信待ち

## ineligible
ineligible-not_accepting = 現在受け入れを停止中
ineligible-at_capacity = 受け入れ上限に達しています

## side
side-mentee = メンティ
side-mentor = メンター

## extension_status
extension_status-pending = 承認待ち
extension_status-approved = 承認済み
extension_status-declined = 見送り

## next_step
next_step-propose_times = 候補の日時を提案してください
next_step-choose_time = 候補から日時を選んでください
next_step-await_choice = 相手が日時を選ぶのをお待ちください
next_step-attend = 面談に参加してください
next_step-write_sheet = メンタリングシートを書きましょう
next_step-await_sheet = メンティのメンタリングシートをお待ちください
next_step-await_reply = メンターからの返信をお待ちください
next_step-write_reply = メンティのシートに返信しましょう
next_step-read_exchange = シートのやりとりを読み返しましょう
next_step-nothing = 特にありません
