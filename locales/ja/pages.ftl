## Page words (Japanese). Code labels live in codes.ftl; emails in emails.ftl.

## Site and navigation
site-name = 架け橋 Kakehashi
site-tagline = 社外メンターと出会う、働く女性のためのメンタリング
nav-skip = 本文へ移動
nav-label = メインメニュー
nav-mentee-home = マイページ
nav-intake = 申込み内容
nav-mentor-home = メンターのページ
nav-mentor-profile = プロフィール
nav-intakes = 申込み一覧
nav-mentors = メンター一覧
nav-mentor-new = メンターを招待
nav-template = 面談テンプレート
nav-signed-in-as = { $name }さん
nav-logout = ログアウト
nav-login = ログイン
nav-register = 新規登録
footer-privacy = ご記入いただいた情報は、マッチングとプログラムの運営のためにのみ利用します。

## Common form words
form-required = 必須
form-error-summary = 入力内容に確認が必要な項目があります
form-choose = 選択してください
form-recommended = おすすめ
form-cancel = キャンセル
pref-any = どちらでもよい
label-status = 状況
label-submitted-at = 提出日時
label-completeness = 入力状況
label-consent = 個人情報の取扱いへの同意
label-mentee = メンティ
label-mentor = メンター
label-load = 担当状況
label-accepting = 受け入れ
label-actions = 操作
badge-needs-call = 要電話
badge-invitation-pending = 招待中
answer-none = 未回答
answer-age = { $age }歳
answer-yes = はい
answer-no = いいえ
answer-no-preference = 特に希望はありません
locale-ja = 日本語
locale-en = English
pagination-label = ページ送り
pagination-prev = 前へ
pagination-next = 次へ
pagination-status = { $pages }ページ中 { $page }ページ目

## Landing page
landing-title = 社外のメンターと、これからのキャリアを考える
landing-lead = 架け橋は、働く女性と、別の会社で管理職として活躍する女性メンターをつなぐプログラムです。社内では話しにくいことも、社外の先輩になら相談できます。
landing-cta-register = 無料で登録する
landing-cta-login = ログイン
landing-how-title = 架け橋の特長
landing-point-outside-title = 社外のメンター
landing-point-outside = メンターはあなたとは別の会社で働く、管理職や役員の女性です。社内の評価や人間関係を気にせず、率直に相談できます。
landing-point-sessions-title = 3回の面談
landing-point-sessions = オンラインの面談を3回重ねます。現状と悩みの整理、強みと価値観、具体的な行動計画と、テーマに沿って進めます。
landing-point-sheets-title = メンタリングシートのやり取り
landing-point-sheets = 面談のあとは、気づきや次の一歩をメンタリングシートに書いてメンターに送ります。メンターからの返信で、あなた自身が気づいていない強みが見えてきます。
landing-flow-title = ご利用の流れ
landing-flow-1 = 会員登録をして、申込みフォームにご記入ください。
landing-flow-2 = 事務局が内容を読み、あなたに合ったメンターをご紹介します。
landing-flow-3 = メンターが承諾したら、二人で直接日程を決めて面談します。
landing-flow-4 = 面談のたびにメンタリングシートを交換し、次の一歩につなげます。
landing-privacy = 申込み内容を読むのは事務局と担当メンターだけです。安心してご相談ください。

## Login, registration, setup, invitation
login-title = ログイン
login-submit = ログインする
login-retry-after = { $seconds }秒ほど待ってから、もう一度お試しください。
login-no-account = アカウントをお持ちでない方は
login-register-link = 新規登録へ
register-title = 新規登録
register-lead = メンティとして登録します。登録後、申込みフォームにお進みください。
register-submit = 登録する
register-have-account = すでにアカウントをお持ちの方は
register-login-link = ログインへ
setup-title = 初期設定
setup-lead = 最初の事務局アカウントを作成します。このページは一度だけ使えます。
setup-submit = 事務局アカウントを作成する
invitation-title = パスワードの設定
invitation-welcome = { $name }さん、架け橋のメンターにご参加いただきありがとうございます。
invitation-lead = ログインに使うパスワードを設定してください。
invitation-submit = パスワードを設定する

## Mentee home
mentee-home-title = マイページ
mentee-home-greeting = { $name }さん、ようこそ。
mentee-next-step = 次にすること
mentee-next-start = まずは申込みフォームにご記入ください。途中で保存して、あとから続きを書くこともできます。
mentee-start-intake = 申込みを始める
mentee-next-continue = 申込みフォームの記入が途中です。続きからご記入ください。
mentee-continue-intake = 続きを書く
mentee-next-wait = 申込みを受け付けました。事務局が内容を確認し、あなたに合ったメンターを探しています。ご紹介までしばらくお待ちください。
mentee-needs-call = 内容を確認するため、事務局からお電話することがあります。
mentee-review-intake = 申込み内容を確認する
mentee-next-matching = メンター候補に打診しています。メンターからの回答をお待ちください。
mentee-next-plan = メンターが決まりました。プランと面談の予定を確認しましょう。
mentee-see-plan = プランを見る
mentee-next-matched = メンターが決まりました。まもなくプランが表示されます。
mentee-next-withdrawn = この申込みは取り下げられています。ご不明な点は事務局にお問い合わせください。
mentee-intake-title = 申込みの状況
mentee-plans-title = あなたのプラン
mentee-plans-empty = プランはまだありません。メンターが決まるとここに表示されます。
plan-with-mentor = メンター:{ $name }さん
plan-with-mentee = メンティ:{ $name }さん

## Intake steps
intake-title = 申込みフォーム
intake-lead = あなたに合ったメンターを見つけるために、少し詳しく伺います。入力は途中で保存でき、あとから続きを書けます。
intake-progress-label = 申込みの進み具合
intake-step-of = 全{ $total }ステップ中 { $step }ステップ目
intake-step-done = 入力済み
intake-completeness = 入力状況 { $percent }%
intake-step-1 = あなたについて
intake-step-2 = 家庭と働き方
intake-step-3 = 相談したいこと
intake-step-4 = メンターへの希望とプラン
intake-step-5 = 確認と提出
intake-step-1-intro = お仕事の状況を教えてください。
intake-step-2-intro = ご家庭の状況や働き方、面談しやすい時間帯を教えてください。答えにくい項目は空欄のままでかまいません。
intake-step-3-intro = メンターに相談したいことを教えてください。ここがマッチングの一番の手がかりになります。
intake-step-4-intro = メンターに求める経験と、ご希望のプランを選んでください。
intake-self-check-title = マミートラックのセルフチェック
intake-self-check-intro = 育休からの復職後などに、本人の意欲とは関係なく責任の軽い仕事ばかりになり、キャリアが伸び悩む状態を「マミートラック」と呼びます。次のようなサインに心当たりはありませんか。
intake-editing-submitted = この申込みは提出済みです。マッチングが成立するまでは内容を変更できます。
intake-action-next = 次へ進む
intake-action-review = 確認へ進む
intake-action-save = 下書き保存
intake-action-back = 前に戻る
intake-save-note = 「次へ進む」「前に戻る」を押したときも、入力内容は保存されます。
intake-review-lead = 内容を確認して、問題がなければ個人情報の取扱いに同意のうえ提出してください。
intake-review-edit = 修正する
intake-review-submitted = 申込みは提出済みです。
intake-review-submitted-at = (提出日時:{ $date })
intake-review-still-editable = マッチングが成立するまでは、各ステップから内容を修正できます。
intake-review-missing-title = 提出する前に、次の項目にご記入ください
intake-review-missing-lead = 項目名を選ぶと、その項目の入力画面に移動します。
intake-review-back = ステップ4に戻る
intake-review-to-home = マイページへ
intake-submit = 同意して申込みを提出する

## Consent (APPI)
consent-title = 個人情報の取扱いについて
consent-text =
    架け橋の事務局は、個人情報の保護に関する法律に基づき、お預かりする個人情報を次のとおり取り扱います。

    【利用目的】ご記入いただいた情報は、メンターとのマッチングと、プログラムの運営(面談の日程調整、メンタリングシートのやり取り、ご連絡)のためにのみ利用します。ご本人の同意なく、ほかの目的に利用したり第三者に提供したりすることはありません。

    【閲覧できる人】申込み内容は事務局が確認します。マッチングが成立すると、担当メンターには申込み内容の要約が共有されます。電話番号がメンターに共有されることはありません。

    【メンタリングシート】事務局がメンタリングシートを読むのは、あなたが同意した場合に限ります。事務局が閲覧した記録はすべて残ります。

    【あなたの権利】ご自身のデータはいつでも書き出し(エクスポート)や削除を求めることができます。ご希望の際は事務局までご連絡ください。
consent-version = 同意文のバージョン:{ $version }

## Field labels and why we ask
field-age_band = 年代
field-age_band-help = 年代の近いメンターや、同じライフステージを経験したメンターを探す参考にします。
field-industry = お勤め先の業界
field-industry-help = 業界ならではの事情がわかるメンターを探すために伺います。
field-company_size = お勤め先の規模
field-company_size-help = 会社の規模によって、制度やキャリアの悩みが大きく異なるためです。
field-job_function = 職種
field-job_function-help = 職種の近いメンターをご紹介できるよう、参考にします。
field-position = 役職
field-position-help = いまの立場に合ったアドバイスができるメンターを選ぶためです。
field-employment = 働き方
field-employment-help = 働き方に合わせて、面談のテーマや進め方を考えるためです。
field-children = お子さんの人数
field-children-help = 子育てと仕事を両立してきたメンターを探す参考にします。答えにくい場合は空欄のままでかまいません。
field-youngest_child_age = 一番下のお子さんの年齢
field-youngest_child_age-help = 子育ての段階に合ったお話ができるよう伺います。
field-leave_status = 産休・育休の状況
field-leave_status-help = 復職前後の悩みにくわしいメンターを探すために伺います。
field-availability = 面談しやすい時間帯
field-availability-help = 面談はオンラインで、主に平日の夜や土日に行います。時間帯の合うメンターを選ぶためにすべて選んでください。
field-phone = 電話番号
field-phone-help = 申込み内容について事務局から確認したいことがある場合にのみ使います。メンターに伝えることはありません。
field-call_ok = 事務局から電話で連絡してもかまいません
field-call_ok-help = 記入内容が少ない場合、マッチングの前に事務局がお電話で伺うことがあります。
field-concerns = 相談したいこと
field-concerns-help = 近いものをすべて選んでください(1つ以上)。マッチングの一番の手がかりになります。
field-self_check = セルフチェック:当てはまるサイン
field-self_check-help = 当てはまるものがあれば選んでください。メンターがあなたの状況を理解する手がかりになります。
field-concern_detail = 相談したい内容
field-concern_detail-help = いまの状況や迷っていることを、あなたの言葉で書いてください(20文字以上)。事務局とメンターが、あなたに合った面談を準備するために読みます。
field-goals = このプログラムで目指したいこと
field-goals-help = プログラムを終えたときにどうなっていたいか、わかる範囲で書いてください。
field-mentor_preferences = メンターへの希望
field-mentor_preferences-help = 大切にしたい条件は「必須」、あると嬉しい条件は「あれば嬉しい」を選んでください。「必須」が多いほど、ご紹介までに時間がかかることがあります。
field-plan = ご希望のプラン
field-plan-help = おすすめは3回プランです。現状の整理、強みと価値観、具体的な計画というテーマで面談を重ねます。まず一度話してみたい方は1回プランもお選びいただけます。
field-consent = 個人情報の取扱いに同意します
field-consent-help = 同意いただけない場合は、申込みを提出できません。
field-email = メールアドレス
field-display_name = 表示名
field-display_name-help = 事務局とメンターに表示されるお名前です。ニックネームでもかまいません。
field-password = パスワード
field-password-help = 10文字以上で設定してください。
field-locale = 表示言語
field-note = 通話メモ
field-message = メンターへのメッセージ
field-reason = 辞退の理由
field-headline = ひとことプロフィール
field-headline-help = 例:メーカーで営業部長。二児の母。事務局がマッチングのときに参考にします。
field-bio = 自己紹介
field-bio-help = これまでのキャリアや、メンティにお伝えしたいことを自由にお書きください。
field-experiences = ご経験
field-experiences-help = 当てはまるものをすべて選んでください。メンティの希望と照らし合わせてマッチングに使います。
field-capacity = 同時に担当できるメンティの人数
field-capacity-help = 打診中と担当中のメンティの合計がこの人数を超えることはありません(0〜10人)。
field-accepting = 新しいメンティを受け入れる
field-accepting-help = チェックを外すと、新しい打診は届かなくなります。担当中のメンティには影響しません。
field-mentor_id = メンター
field-theme_1 = 第1回のテーマ
field-theme_2 = 第2回のテーマ
field-theme_3 = 第3回のテーマ
field-prompts_1 = 第1回の問いかけ
field-prompts_2 = 第2回の問いかけ
field-prompts_3 = 第3回の問いかけ

## Problems beside a field
problem-required = この項目は必須です。入力または選択してください。
problem-unknown_code = 選択肢の中から選んでください。
problem-invalid = 入力内容をご確認ください。
problem-too_long = 文字数が多すぎます。短くしてください。
problem-too_short = 短すぎます。もう少しくわしく入力してください。
problem-invalid_email = メールアドレスの形式が正しくありません。
problem-invalid_characters = 使用できない文字が含まれています。
problem-invalid_phone = 電話番号の形式が正しくありません。数字とハイフンで入力してください。
problem-out_of_range = 指定の範囲内の数値を入力してください。
problem-duplicate = 同じ内容が重複しています。
problem-read_only = この項目は変更できません。
problem-unknown_field = この項目は受け付けられません。
problem-not_found = 見つかりませんでした。
problem-email_taken = このメールアドレスはすでに登録されています。
problem-mismatch = 入力内容が一致しません。

## Errors and conflicts
error-not_found = お探しのページは見つかりませんでした。URLをご確認ください。
error-forbidden = このページを表示する権限がありません。
error-unauthorized = ログインが必要です。ログインしてから、もう一度お試しください。
error-csrf_failed = 画面の有効期限が切れました。ページを再読み込みして、もう一度お試しください。
error-rate_limited = 短い時間に多くの操作がありました。しばらく待ってから、もう一度お試しください。
error-internal = 申し訳ありません。問題が発生しました。時間をおいて、もう一度お試しください。
error-validation_failed = 入力内容に確認が必要な項目があります。
error-malformed_body = 送信内容を読み取れませんでした。もう一度お試しください。
error-body_too_large = 送信内容が大きすぎます。内容を減らして、もう一度お試しください。
error-invalid_credentials = メールアドレスまたはパスワードが正しくありません。
error-email_taken = このメールアドレスはすでに登録されています。
error-intake_locked = マッチングが成立したため、申込み内容は変更できません。変更が必要な場合は事務局にご連絡ください。
error-intake_not_assignable = この申込みは、いまはメンターに打診できる状態ではありません。
error-mentor_at_capacity = このメンターは受け入れ人数の上限に達しています。
error-mentor_not_accepting = このメンターは現在、新しいメンティの受け入れを停止しています。
error-assignment_not_pending = この打診には、すでに回答済みか、取り下げられています。
error-setup_closed = 初期設定はすでに完了しています。
error-title-400 = リクエストを処理できませんでした
error-title-401 = ログインが必要です
error-title-403 = このページは表示できません
error-title-404 = ページが見つかりません
error-title-409 = 操作を完了できませんでした
error-title-413 = 送信内容が大きすぎます
error-title-422 = 入力内容をご確認ください
error-title-429 = しばらくお待ちください
error-title-500 = エラーが発生しました
error-home-link = トップページへ戻る

## Flash messages
flash-registered = 登録が完了しました。架け橋へようこそ。
flash-logged-in = ログインしました。
flash-logged-out = ログアウトしました。
flash-draft-saved = 下書きを保存しました。
flash-intake-submitted = 申込みを提出しました。事務局が内容を確認し、メンターをご紹介します。
flash-note-added = 通話メモを追加しました。
flash-intake-updated = 申込み内容を更新しました。
flash-assigned = メンターに打診しました。メンターからの回答をお待ちください。
flash-mentor-invited = メンターに招待メールを送りました。
flash-profile-saved = プロフィールを保存しました。
flash-accepted = 打診を承諾しました。プランが作成されました。
flash-declined = 打診を辞退しました。事務局にお知らせしました。
flash-password-set = パスワードを設定しました。
flash-coordinator-created = 事務局アカウントを作成しました。
flash-template-saved = 面談テンプレートを保存しました。

## Coordinator: intake queue
queue-title = 申込み一覧
queue-filter-label = 状況で絞り込む
queue-total = { $count }件
queue-caption = 申込みの一覧
queue-empty = この状況の申込みはありません。
queue-empty-hint = ほかの状況で絞り込むと、申込みが見つかるかもしれません。

## Coordinator: one intake
coord-intake-title = { $name }さんの申込み
coord-intake-back = 申込み一覧へ戻る
coord-not-submitted = 未提出
coord-no-consent = 未同意
coord-jump-label = このページの目次
coord-answers-title = 申込み内容
coord-call-notes-title = 通話メモ
coord-candidates-title = メンター候補
coord-history-title = 履歴
coord-needs-call-title = 要電話:マッチングの前にお電話で確認してください
coord-needs-call-text = 記入内容が少ないため、このままでは良いマッチングが難しい申込みです。お電話で伺った内容を通話メモに残し、申込み内容を補ってください。
coord-contact-title = 連絡先
coord-missing-title = 未記入の必須項目
coord-edit-link = 申込み内容を編集
coord-call-notes-empty = 通話メモはまだありません。
coord-call-note-help = お電話で伺ったことを記録します。メンティやメンターには表示されません。
coord-call-note-submit = メモを追加する
coord-candidates-lead = スコアの高い順に並んでいます。一人ひとりの理由を確かめて、最後はあなたが判断してください。
coord-cannot-assign = この申込みは、いまはメンターに打診できません(未提出、打診中、またはマッチング済みです)。
coord-candidates-empty = 候補となるメンターがいません。
coord-assignments-title = 打診の履歴
coord-assignments-empty = まだ打診していません。
coord-edits-title = 事務局による編集の履歴
coord-edits-empty = 編集の履歴はありません。
candidate-score = スコア
candidate-load = 担当中 { $active } + 打診中 { $pending } / 上限 { $capacity }
candidate-ineligible = 打診できません
candidate-musts-unmet = 「必須」の希望を満たしていません
candidate-matched = 一致
candidate-not-matched = 不一致
candidate-no-reasons = 照らし合わせる希望はありません。
assign-open = { $name }さんに打診する
assign-message-help = メンターへの打診メールに添えるメッセージです(任意)。この方を選んだ理由などをお書きください。
assign-submit = { $name }さんに打診する

## Coordinator: edit an intake
coord-edit-title = { $name }さんの申込みを編集
coord-edit-back = 申込みの詳細へ戻る
coord-edit-lead = お電話で伺った内容などをもとに、申込み内容を補います。変更した項目は履歴に残ります。
coord-edit-submit = 変更を保存する

## Coordinator: mentors
mentors-title = メンター一覧
mentors-total = { $count }人
mentors-load-legend = 担当状況は「担当中 + 打診中 / 上限」の人数です。
mentors-caption = メンターの一覧
mentors-accepting-yes = 受け入れ中
mentors-accepting-no = 受け入れ停止中
mentors-edit = プロフィールを編集
mentors-empty = メンターはまだ登録されていません。
mentors-invite-link = メンターを招待する
mentor-new-title = メンターを招待
mentor-new-back = メンター一覧へ戻る
mentor-new-lead = 招待メールが送られ、メンターご本人がパスワードを設定するとご利用いただけます。招待リンクの有効期限は7日間です。
mentor-new-submit = 招待メールを送る

## Mentor profile
profile-title = プロフィール
profile-title-of = { $name }さんのプロフィール
profile-lead = 事務局がマッチングの参考にします。メンティには、承諾後にひとことプロフィールと自己紹介が表示されます。
profile-lead-coordinator = メンターのプロフィールを編集します。内容はマッチングのスコアに反映されます。
profile-section-about = 自己紹介
profile-section-work = お仕事とご経験
profile-section-capacity = 受け入れ人数
profile-industry = 業界
profile-company_size = 会社の規模
profile-job_function = 職種
profile-position = 役職
profile-submit = プロフィールを保存する

## Mentor home
mentor-home-title = メンターのページ
mentor-home-greeting = { $name }さん、いつもありがとうございます。
mentor-load-title = 担当状況
mentor-load = 担当中 { $active }人 + 打診中 { $pending }人 / 上限 { $capacity }人
mentor-accepting-note = 新しい打診を受け付けています。
mentor-not-accepting-note = 新しい打診は届きません。
mentor-edit-profile = プロフィールと受け入れ人数を変更する
mentor-pending-title = 回答をお待ちしている打診
mentor-pending-lead = メンティの申込み内容の要約を読んで、承諾または辞退をお選びください。
mentor-pending-item = { $name }さん
mentor-proposed-at = 打診日:{ $date }
mentor-pending-open = 内容を見て回答する
mentor-pending-empty = いま回答が必要な打診はありません。
mentor-plans-title = 担当しているプラン
mentor-plans-empty = 担当中のプランはまだありません。

## Mentor: one assignment
assignment-title = { $name }さんへのメンタリングの打診
assignment-back = メンターのページへ戻る
assignment-coordinator-message = 事務局からのメッセージ
assignment-summary-title = 申込み内容の要約
assignment-summary-lead = メンティが申込みフォームに記入した内容の要約です。メンティの連絡先は含まれません。
assignment-decide-title = 回答する
assignment-decide-lead = 承諾すると、プランが作成され、メンティとあなたにお知らせが届きます。
assignment-accept-title = お引き受けいただける場合
assignment-accept-help = 面談の日程は、承諾後にメンティと直接決めていただきます。
assignment-accept = 承諾する
assignment-decline-title = お引き受けが難しい場合
assignment-decline-help = 事務局だけが読みます。メンティには伝わりません。次のご紹介の参考にします。
assignment-decline = 辞退する
assignment-decided-title = この打診への回答
assignment-decided-accepted = この打診は承諾済みです。プランは「担当しているプラン」からご確認いただけます。
assignment-decided-declined = この打診は辞退済みです。ご回答ありがとうございました。
assignment-decided-withdrawn = この打診は事務局により取り下げられました。

## Plans
plan-back-mentor = メンターのページへ戻る
plan-back-mentee = マイページへ戻る
plan-sessions-title = 面談
plan-session-number = 第{ $number }回
plan-session-no-theme = テーマ未設定
plan-sessions-empty = 面談はまだありません。
plan-scheduling-note = 次は面談の日程調整です。メンティとメンターのどちらかが候補日時を提案し、もう一方が選ぶと日程が確定します。確定すると、お二人にカレンダーの招待が届きます。

## Coordinator: session template
template-title = 面談テンプレート
template-lead = 各回の面談のテーマと、メンタリングシートに表示する問いかけを編集します。変更は、これから作成されるプランに反映されます。
template-theme = テーマ
template-prompts = 問いかけ
template-prompts-help = 1行に1つずつ書いてください。メンタリングシートに表示されます。
template-submit = テンプレートを保存する

## Calendar invitations (invite.ics) and the personal feed
ics-summary = 架け橋 メンタリング 第{ $number }回「{ $theme }」
ics-description = 架け橋 メンタリング 第{ $number }回の面談です。
    テーマ：{ $theme }
    メンティ：{ $mentee }さん
    メンター：{ $mentor }さん
ics-meeting-url = 参加用URL：{ $url }
ics-manage = 日時の変更・キャンセルはこちらから：{ $link }
ics-feed-name = 架け橋 面談の予定（{ $name }さん）

## Sessions: plan page, session page, settings, coordinator plans and extensions
plan-back-coordinator = ← プラン一覧へ
plan-next-step = 次にすること：
plan-open-session = 第{ $number }回の面談を開く
plan-extension-title = 延長（もう1回の面談）
plan-extension-lead = プランのすべての面談が終わりました。もう1回話したいときは、延長を申し込めます。事務局が確認してご連絡します。
plan-extension-message = 事務局へのメッセージ（任意）
plan-extension-submit = 延長を申し込む
plan-extension-requested-on = { $date } に申込み
plan-extension-reason = 事務局より：
session-back = ← プランへ戻る
session-when = 日時
session-meeting-url = 参加用URL
session-meeting-url-help = Zoom や Google Meet などのリンクを入れてください（https:// から始まるもの）。
session-with = 面談の相手
session-download-ics = カレンダーに追加（invite.ics）
session-download-ics-help = 招待メールにも同じファイルを添付しています。日時が変わると、同じ予定が更新されます。
session-cancelled-reason = 前回の日程はキャンセルされました。理由：
session-prompts-title = この回で考えたいこと
session-your-proposal = あなたが提案した候補日時
session-proposal-from = { $name }さんからの候補日時
session-choose-lead = ご都合のよい日時を1つ選んでください。選ぶと、お二人にカレンダーの招待が届きます。
session-choose = この日時に決める
session-clash = ご自身の予定と重なっています
session-waiting = 相手が日時を選ぶと、メールとカレンダーの招待でお知らせします。
session-propose-title = 候補の日時を提案する
session-reschedule-title = 日時の変更を提案する
session-propose-lead = 候補を1〜5つ入力してください（時刻は { $zone } です）。相手がその中から1つ選びます。
session-busy-hint = ご自身のカレンダーを登録すると、予定と重なる候補をお知らせします。
session-busy-link = カレンダーを登録する
session-clash-warning = ご自身の予定と重なる候補があります。別の日時にするか、このまま提案する場合はチェックを入れてから送信してください。
session-clash-ignore = 予定と重なっていても、このまま提案する
session-slot = 候補 { $number }
session-duration = 面談の長さ
session-minutes = { $minutes }分
session-message = 相手へのメッセージ（任意）
session-propose-submit = 候補を送る
session-held-title = 面談を終えたら
session-held-lead = 面談が終わったら「実施済みにする」を押してください（終了時刻を過ぎると自動で実施済みになります）。
session-held-submit = 実施済みにする
session-cancel-title = キャンセルする
session-cancel-lead = 日程をキャンセルすると、お二人のカレンダーから予定が削除され、相手にもメールでお知らせします。あらためて候補を提案できます。
session-cancel-reason = キャンセルの理由
session-cancel-submit = キャンセルする
nav-settings = 設定
nav-plans = プラン
nav-extensions = 延長の申込み
settings-title = 設定
settings-prefs-title = 表示の設定
settings-locale = 表示する言語
settings-time-zone = タイムゾーン
settings-time-zone-help = 面談の日時は、このタイムゾーンで入力・表示します。
settings-save = 保存する
settings-feed-title = 予定をカレンダーアプリで購読する
settings-feed-lead = あなた専用のURLを作ると、すべての面談の予定を Google カレンダーや iPhone のカレンダーなどで購読できます。このURLは他の人に教えないでください。
settings-feed-new = 購読用のURLを作りました。このURLはこの画面でしか表示されません。コピーしてカレンダーアプリに登録してください。
settings-feed-url = 購読用URL
settings-feed-active = 購読用のURLは { $date } に作成済みです。URLがわからなくなった場合は、新しいURLを作り直してください（古いURLは使えなくなります）。
settings-feed-none = まだ購読用のURLはありません。
settings-feed-create = 購読用のURLを作る
settings-feed-rotate = URLを作り直す
settings-feed-revoke = 購読をやめる（URLを無効にする）
settings-busy-title = ご自身の予定（空き時間の確認用）
settings-busy-lead = お使いのカレンダーから書き出した .ics ファイル、または .ics のURLを登録すると、面談の候補がご自身の予定と重なるときにお知らせします。予定の内容は保存せず、相手に見せることもありません。
settings-busy-current = { $count }件の予定を登録しています（{ $date } に更新）。
settings-busy-from-url = 取得元：
settings-busy-clear = 登録した予定を削除する
settings-busy-none = まだ予定は登録されていません。
settings-busy-file = .ics ファイル
settings-busy-file-help = Google カレンダーの「エクスポート」や Outlook の「予定表の保存」で書き出したファイルです（2MBまで）。
settings-busy-upload = ファイルを登録する
settings-busy-url = .ics のURL
settings-busy-url-help = Google カレンダーの「iCal 形式の非公開URL」などを貼り付けてください。登録するたびに最新の予定を読み込みます。
settings-busy-fetch = URLから読み込む
coord-plans-title = プラン一覧
coord-plans-lead = 全部で{ $total }件のプランがあります。
coord-plans-empty = まだプランはありません。メンターがマッチングを引き受けると、ここに表示されます。
coord-ext-title = 延長の申込み
coord-ext-lead = プランを終えたメンティからの、もう1回の面談の申込みです。承認するとプランに面談が1回追加されます。
coord-ext-pair = { $mentee }さん（メンター：{ $mentor }さん）
coord-ext-approve = 承認する
coord-ext-reason = 見送る理由（メンティとメンターに伝わります）
coord-ext-decline = 見送る
coord-ext-empty = 延長の申込みはありません。
pager-label = ページ
pager-prev = ← 前へ
pager-next = 次へ →
flash-proposed = 候補の日時を送りました。相手が選ぶとお知らせします。
flash-confirmed = 日時が決まりました。お二人にカレンダーの招待をお送りしました。
flash-cancelled = キャンセルしました。相手にもお知らせしました。
flash-held = 実施済みにしました。おつかれさまでした。
flash-settings-saved = 設定を保存しました。
flash-feed-revoked = 購読用のURLを無効にしました。
flash-busy-saved = 予定を登録しました。
flash-busy-cleared = 登録した予定を削除しました。
flash-extension-requested = 延長を申し込みました。事務局からの連絡をお待ちください。
flash-extension-approved = 延長を承認しました。お二人にお知らせしました。
flash-extension-declined = 延長を見送りました。お二人にお知らせしました。
problem-in_past = 過ぎた日時は選べません。これからの日時を入力してください。
problem-too_far = 1年以上先の日時は選べません。
problem-invalid_time = 日時の形式が正しくありません。
problem-nonexistent_time = その時刻は、夏時間の切り替えのため存在しません。別の時刻を入力してください。
problem-too_many = 候補は5つまでです。
problem-invalid_url = https:// から始まるURLを入力してください。
problem-not_a_calendar = カレンダー（.ics）のファイルとして読み取れませんでした。
problem-too_many_events = 予定が多すぎて読み込めません。期間を絞って書き出してください。
problem-too_large = ファイルが大きすぎます（2MBまで）。
problem-fetch_failed = URLからカレンダーを取得できませんでした。URLと公開設定をご確認ください。
problem-private_address = このURLからは読み込めません。インターネットから見られるURLを入力してください。
error-plan_not_active = このプランは進行中ではないため、日程を変更できません。
error-session_held = この面談はすでに実施済みです。
error-session_cancelled = この面談は中止されました。
error-nothing_proposed = 選べる候補の日時がありません。
error-own_proposal = ご自身が提案した候補は、相手が選びます。
error-slot_not_proposed = その日時は候補にありません。もう一度お選びください。
error-slot_in_past = その日時はすでに過ぎています。新しい候補を提案してください。
error-nothing_to_cancel = キャンセルできる日程がありません。
error-session_not_scheduled = 日時が決まっていないため、実施済みにできません。
error-plan_not_completed = プランのすべての面談が終わってから、延長を申し込めます。
error-extension_pending = 延長の申込みは、すでに事務局で確認中です。
error-extension_decided = この申込みには、すでに回答済みです。
