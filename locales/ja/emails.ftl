# Emails (templates under emails/). Every key starts with `email-`.
# Arguments are single lowercase words: $name, $expires, $mentor, $mentee,
# $other, $headline, $plan.

## Shared layout (emails/base.*)

email-brand = 架け橋 Kakehashi
email-tagline = 働く女性のための社外メンタープログラム
email-greeting = { $name } 様
email-signoff = 架け橋 事務局
email-signoff-system = 架け橋 システム通知
email-button-fallback = ボタンが開かない場合は、次のURLをブラウザに貼り付けてください。
email-footer-automatic = このメールは架け橋のシステムから自動で送信しています。
email-footer-reason-default = 架け橋にご登録いただいているため、このメールをお送りしています。

## 1. mentor_invitation

email-invitation-subject = 【架け橋】メンターとしてのご参加のお願い
email-invitation-intro = 架け橋 事務局です。このたびは、架け橋のメンターとしてご参加いただきたく、ご招待のご連絡を差し上げました。
email-invitation-about = 架け橋は、働く女性（メンティ）と、別の会社で管理職として活躍されている女性（メンター）をつなぐ社外メンタープログラムです。オンラインで数回の面談を行い、面談のあとにはメンタリングシートを交換日記のようにやりとりします。社内ではなかなか相談できないことも、社外のメンターだからこそ話せる。それがこのプログラムの大切な価値です。
email-invitation-how = メンティは事務局からご提案します。概要をご確認のうえ、お引き受けになるかどうかをご自身で選んでいただけますので、ご無理のない範囲でご参加ください。
email-invitation-action = 下のリンクからパスワードを設定すると、ご利用を開始できます。
email-invitation-button = パスワードを設定する
email-invitation-expiry = このリンクは一度だけご利用いただけます。有効期限は送信から7日間、{ $expires }（日本時間）までです。期限が過ぎた場合は、お手数ですが事務局までご連絡ください。新しいリンクをお送りします。
email-invitation-reason = 事務局があなたを架け橋のメンターとしてご招待したため、このメールをお送りしています。お心当たりがない場合は、このメールを破棄してください。パスワードを設定しない限り、アカウントは利用できない状態のままです。

## 2. intake_submitted

email-intake-subject = 【架け橋】お申込みを受け付けました
email-intake-thanks = 架け橋にお申込みいただき、ありがとうございます。ご記入いただいた内容を確かに受け付けました。詳しくお書きいただいた内容は、あなたに合ったメンターを探すための大切な手がかりになります。
email-intake-next-heading = 今後の流れ
email-intake-step-read = 事務局が、お申込み内容をすべて拝見します。
email-intake-step-call = もう少し詳しくお伺いしたい点がある場合は、事務局からお電話を差し上げることがあります。
email-intake-step-propose = あなたに合ったメンターを事務局が選び、ご提案します。
email-intake-step-notify = マッチングが決まりましたら、メールでお知らせします。
email-intake-link-intro = お申込み内容は、次のページからいつでもご確認いただけます。
email-intake-button = お申込み内容を見る
email-intake-closing = メンターとの出会いを、どうぞ楽しみにお待ちください。
email-intake-reason = 架け橋のメンティとしてお申込みいただいたため、このメールをお送りしています。お心当たりがない場合は、事務局までご連絡ください。

## 3. assignment_proposed

email-proposed-subject = 【架け橋】新しいメンティのご提案
email-proposed-intro = 事務局より、新しいメンティをご提案いたします。
email-proposed-message-heading = 事務局からのメッセージ
email-proposed-action = 下のページでメンティの概要をご確認のうえ、お引き受けいただけるかどうかをお知らせください。
email-proposed-button = ご提案を確認する
email-proposed-privacy = メンティのプライバシーを守るため、メンティについての情報はメールには記載せず、架け橋のページでのみご覧いただけるようにしています。
email-proposed-decline-ok = ご都合が合わない場合は、どうぞ遠慮なく辞退してください。事務局が別のメンターをお探しします。
email-proposed-reason = 架け橋のメンターとしてご登録いただいているため、このメールをお送りしています。

## 4. assignment_declined

email-declined-subject = 【架け橋】{ $mentor }さんがご提案を辞退しました（メンティ：{ $mentee }さん）
email-declined-intro = メンターの{ $mentor }さんが、メンティの{ $mentee }さんとのマッチングのご提案を辞退しました。
email-declined-reason-heading = 辞退の理由
email-declined-no-reason = （理由の記入はありませんでした）
email-declined-action = お申込み内容を開き、別のメンターをご検討ください。
email-declined-button = お申込み内容を開く
email-declined-reason = 架け橋の事務局（コーディネーター）としてご登録いただいているため、このメールをお送りしています。

## 5. match_introduction
# $plan is the plan kind: "three" or "single".

email-match-subject-mentee = 【架け橋】メンターが決まりました
email-match-subject-mentor = 【架け橋】メンティのご紹介（{ $other }さん）
email-match-intro-mentee = お待たせいたしました。あなたのメンターが決まりましたので、お知らせいたします。
email-match-intro-mentor = メンティとのマッチングをお引き受けいただき、ありがとうございます。
email-match-who-mentee = 担当メンターは{ $other }さんです。
email-match-who-mentor = ご担当いただくメンティは{ $other }さんです。
email-match-headline = プロフィール：{ $headline }
email-match-plan = プラン：{ $plan ->
        [three] 3回プラン（面談3回）
       *[single] 1回プラン（面談1回）
    }
email-match-next-heading = 次のステップ
email-match-next = まずは、プランのページでお二人で直接やりとりし、1回目の面談の日時を決めてください。日程調整に事務局は入りません。どちらかが候補の日時をいくつか提案し、もう一方が都合のよい日時を選ぶと、お二人にカレンダーの招待が届きます。
email-match-online = 面談はオンライン（ビデオ通話）で行います。
email-match-button = プランのページを開く
email-match-closing-mentee = 実りある時間になりますよう、事務局一同願っております。
email-match-closing-mentor = メンティの力になっていただけることに、心より感謝いたします。
email-match-reason-mentee = 架け橋のメンティとしてお申込みいただき、メンターとのマッチングが成立したため、このメールをお送りしています。
email-match-reason-mentor = 架け橋のメンターとしてメンティとのマッチングをお引き受けいただいたため、このメールをお送りしています。

## Sessions: shared (emails/session_*)
# $number is the session number (1, 2, 3…); $when a formatted time range;
# $zone a time zone name such as Asia/Tokyo; $url the meeting link.

email-session-title = 第{ $number }回面談
email-session-theme = テーマ：{ $theme }
email-session-when = 日時：{ $when }
email-session-when-zone = 日時：{ $when }（{ $zone }）
email-session-meeting-url = 面談のURL：{ $url }
email-session-meeting-url-label = 面談のURL
email-session-button = 面談のページを開く

## 6. session_proposed

email-session-proposed-subject = 【架け橋】第{ $number }回面談の候補日時が届きました（{ $name }さんより）
email-session-proposed-subject-reschedule = 【架け橋】第{ $number }回面談の日程変更のご提案（{ $name }さんより）
email-session-proposed-intro = { $name }さんから、第{ $number }回面談の候補日時が届きました。
email-session-proposed-intro-reschedule = { $name }さんから、予定している第{ $number }回面談の日時を変更したいとのご提案が届きました。
email-session-proposed-current = 現在の日時：{ $when }
email-session-proposed-slots-heading = 候補日時
email-session-proposed-message-heading = { $name }さんからのメッセージ
email-session-proposed-action = 下のリンクからページを開き、ご都合のよい日時を一つお選びください。
email-session-proposed-button = 日時を選ぶ
email-session-proposed-not-final = 日時はまだ確定していません。あなたが日時を選んだ時点で確定し、お二人にカレンダーの招待が届きます。
email-session-proposed-not-final-reschedule = 日時はまだ変更されていません。あなたが新しい日時を選ぶまでは、これまでの日時（{ $when }）のままです。新しい日時を選ぶと、お二人に更新されたカレンダーの招待が届きます。
email-session-proposed-reason = 架け橋のプランで、{ $name }さんが面談の日時を提案したため、このメールをお送りしています。

## 7. session_confirmed

email-session-confirmed-subject = 【架け橋】第{ $number }回面談の日時が決まりました
email-session-confirmed-subject-moved = 【架け橋】第{ $number }回面談の日時が変更されました
email-session-confirmed-intro = { $name }さんとの第{ $number }回面談の日時が決まりました。
email-session-confirmed-intro-moved = { $name }さんとの第{ $number }回面談の日時が変更されました。新しい日時は次のとおりです。
email-session-confirmed-previous = 変更前：{ $when }
email-session-confirmed-calendar-heading = カレンダーへの登録
email-session-confirmed-calendar = このメールには、カレンダーの招待状を添付しています。添付ファイルを開くと、Google カレンダー、Outlook、iPhone のカレンダーなどに面談の予定を追加できます。あとで日時が変更になった場合も、新しい招待状で同じ予定が更新されるため、予定が重複することはありません。
email-session-confirmed-calendar-moved = このメールには、新しい日時のカレンダーの招待状を添付しています。添付ファイルを開くと、カレンダーに登録済みの予定が新しい日時に更新されます。まだ登録していない場合は、Google カレンダー、Outlook、iPhone のカレンダーなどに予定を追加できます。
email-session-confirmed-change = 日時の変更が必要になった場合は、面談のページから新しい候補日時を提案してください。
email-session-confirmed-reason = 架け橋で、{ $name }さんとの面談の日時が決まったため、このメールをお送りしています。
email-session-confirmed-reason-moved = 架け橋で、{ $name }さんとの面談の日時が変更されたため、このメールをお送りしています。

## 8. session_cancelled

email-session-cancelled-subject = 【架け橋】第{ $number }回面談がキャンセルされました
email-session-cancelled-intro-when = { $name }さんが、{ $when }に予定していた第{ $number }回面談をキャンセルしました。
email-session-cancelled-intro = { $name }さんが、第{ $number }回面談の日程調整をキャンセルしました。
email-session-cancelled-reason-heading = キャンセルの理由
email-session-cancelled-no-reason = （理由の記入はありませんでした）
email-session-cancelled-calendar = このメールには、カレンダーの予定を取り消すファイルを添付しています。添付ファイルを開くと、カレンダーに登録した面談の予定が削除されます。
email-session-cancelled-next = 面談そのものはプランに残っています。あらためて日時を決める場合は、面談のページから新しい候補日時を提案してください。
email-session-cancelled-reason = 架け橋で予定していた面談がキャンセルされたため、このメールをお送りしています。

## 9. session_held

email-session-held-subject-mentee = 【架け橋】第{ $number }回面談、お疲れさまでした
email-session-held-subject-mentor = 【架け橋】第{ $number }回面談のお礼
email-session-held-intro = { $name }さんが、第{ $number }回面談を「実施済み」として記録しました。
email-session-held-thanks-mentee = 面談、お疲れさまでした。
email-session-held-sheet-mentee = 今回の面談のメンタリングシートは、プランのページからさっそく書いていただけます。入力した内容は下書きとして自動で保存されます。面談で気づいたことや次の一歩を、記憶が新しいうちに書き留めておくのがおすすめです。
email-session-held-thanks-mentor = お忙しいなか、{ $name }さんのために面談のお時間をとっていただき、ありがとうございました。
email-session-held-plan-mentor = これまでの面談の記録やこれからの予定は、プランのページでご確認いただけます。
email-session-held-mistake = 面談がまだ行われていない場合は、お手数ですが事務局までご連絡ください。
email-session-held-button = プランのページを開く
email-session-held-reason = 架け橋で、{ $name }さんが面談を実施済みとして記録したため、このメールをお送りしています。

## 10. session_reminder

email-session-reminder-subject = 【架け橋】明日は第{ $number }回の面談です
email-session-reminder-intro = 明日は、{ $name }さんとの第{ $number }回面談です。念のため、日時をお知らせします。
email-session-reminder-cannot = ご都合が悪くなり出席できない場合は、面談のページから日時の変更を提案するか、面談をキャンセルしてください。{ $name }さんにもメールでお知らせが届きます。
email-session-reminder-closing = 実りある時間になりますように。
email-session-reminder-reason = 架け橋で、{ $name }さんとの面談が明日に予定されているため、このメールをお送りしています。

## 11. extension_requested

email-ext-requested-subject = 【架け橋】面談追加のお申し出（メンティ：{ $mentee }さん）
email-ext-requested-intro = プランを終えたメンティの{ $mentee }さんから、メンターの{ $mentor }さんとの面談をもう1回追加したいとのお申し出がありました。
email-ext-requested-message-heading = { $mentee }さんからのメッセージ
email-ext-requested-action = 下のページから、面談の追加を承認するか見送るかをお選びください。どちらの場合も、{ $mentee }さんと{ $mentor }さんにメールでお知らせします。
email-ext-requested-button = お申し出を確認する
email-ext-requested-reason = 架け橋の事務局（コーディネーター）としてご登録いただいているため、このメールをお送りしています。

## 12. extension_decided

email-ext-decided-subject-approved = 【架け橋】面談の追加が決まりました
email-ext-decided-subject-declined = 【架け橋】面談の追加のお申し出について
email-ext-approved-mentee = お申し出いただいていた面談の追加を、事務局で承認いたしました。メンターの{ $mentor }さんとのプランに、面談が1回追加されました。
email-ext-approved-mentor = メンティの{ $mentee }さんから面談の追加のお申し出があり、事務局で承認いたしました。{ $mentee }さんとのプランに、面談が1回追加されました。
email-ext-approved-next = これまでと同じように、プランのページでお二人で直接日時を決めてください。どちらかが候補日時を提案し、もう一方が都合のよい日時を選ぶと確定します。
email-ext-approved-closing-mentee = 追加の面談が、実りある時間になりますように。
email-ext-approved-closing-mentor = 引き続き、{ $mentee }さんへのお力添えをよろしくお願いいたします。
email-ext-declined-mentee = 面談の追加をお申し出いただき、ありがとうございました。事務局で慎重に検討いたしましたが、今回は面談の追加を見送らせていただくことになりました。ご期待に沿えず、申し訳ございません。
email-ext-declined-mentor = メンティの{ $mentee }さんから、あなたとの面談をもう1回追加したいとのお申し出がありましたが、事務局で検討のうえ、今回は見送らせていただくことになりましたので、お知らせいたします。
email-ext-declined-reason-heading = 見送りの理由
email-ext-declined-plan = これまでの面談やメンタリングシートは、引き続きプランのページでご覧いただけます。
email-ext-declined-closing-mentee = これまでの面談で見つけた次の一歩を、事務局一同、心から応援しています。ご不明な点がありましたら、どうぞお気軽に事務局までお問い合わせください。
email-ext-declined-closing-mentor = これまで{ $mentee }さんを支えてくださり、ありがとうございました。
email-ext-decided-button = プランのページを開く
email-ext-decided-reason-mentee = 架け橋で面談の追加をお申し出いただいたため、このメールをお送りしています。
email-ext-decided-reason-mentor = 架け橋であなたがメンターを務める{ $mentee }さんのプランについて、面談の追加のお申し出があったため、このメールをお送りしています。

## Mentoring sheets: shared notes (emails/sheet_*, emails/reply_nudge)
# $name is the other person's display name; $number the session number.
# These emails never contain the text of a sheet or a reply, only a link.

## 13. sheet_submitted

email-sheet-submitted-subject = 【架け橋】第{ $number }回のメンタリングシートが届きました（{ $name }さんより）
email-sheet-submitted-intro = メンティの{ $name }さんから、第{ $number }回面談のメンタリングシートが届きました。
email-sheet-submitted-action = お手すきの際にシートをお読みいただき、ご返信をお願いいたします。
email-sheet-submitted-strengths = 返信では、面談やシートから感じられた{ $name }さんの強みを、「あなたの強み」としてぜひお伝えください。自分では気づいていなかった強みを人から言葉にしてもらえることは、メンティにとって大きな励みとなり、自信にもつながります。
email-sheet-submitted-button = シートを読んで返信する
email-sheet-submitted-privacy = { $name }さんのプライバシーを守るため、シートの内容はメールには記載しておりません。内容はサイトでご確認ください。
email-sheet-submitted-closing = いつも{ $name }さんを支えてくださり、ありがとうございます。
email-sheet-submitted-reason = 架け橋であなたがメンターを務める{ $name }さんが、メンタリングシートを提出したため、このメールをお送りしています。

## 14. sheet_replied

email-sheet-replied-subject = 【架け橋】第{ $number }回のメンタリングシートに返信が届きました（{ $name }さんより）
email-sheet-replied-intro = メンターの{ $name }さんから、第{ $number }回面談のメンタリングシートに返信が届きました。
email-sheet-replied-strengths = 返信には、{ $name }さんから見たあなたの強みも書かれています。ぜひゆっくりお読みください。
email-sheet-replied-button = 返信を読む
email-sheet-replied-privacy = プライバシーを守るため、返信の内容はメールには記載していません。内容はサイトでご確認ください。
email-sheet-replied-closing = あなたの次の一歩を、事務局一同応援しています。
email-sheet-replied-reason = 架け橋で、メンターの{ $name }さんがあなたのメンタリングシートに返信したため、このメールをお送りしています。

## 15. sheet_nudge

email-sheet-nudge-subject = 【架け橋】第{ $number }回面談のメンタリングシートを書いてみませんか
email-sheet-nudge-intro = { $name }さんとの第{ $number }回面談から数日がたちました。その後、いかがお過ごしですか。
email-sheet-nudge-invite = 面談で気づいたことや、これからやってみたい次の一歩を、メンタリングシートに書いてみませんか。短い文章でもかまいません。提出すると、{ $name }さんから返信が届きます。
email-sheet-nudge-draft = 入力した内容は下書きとして自動で保存されるので、少しずつ書き進めることができます。下書きは、提出するまで{ $name }さんには見えません。
email-sheet-nudge-button = シートを書く
email-sheet-nudge-closing = お忙しいときは、どうぞご無理なく。あなたのペースで大丈夫です。
email-sheet-nudge-reason = 架け橋で、{ $name }さんとの面談のメンタリングシートがまだ提出されていないため、このメールをお送りしています。このお知らせは、面談ごとに一度だけお送りします。

## 16. reply_nudge

email-reply-nudge-subject = 【架け橋】メンタリングシートへのご返信のお願い（{ $name }さん・第{ $number }回）
email-reply-nudge-thanks = 日頃より、架け橋のメンターとしてボランティアでお力添えいただき、誠にありがとうございます。
email-reply-nudge-intro = メンティの{ $name }さんから第{ $number }回面談のメンタリングシートが届いて数日が経ちましたので、念のためお知らせいたします。
email-reply-nudge-action = お忙しいところ恐縮ですが、お手すきの際にシートをお読みいただき、ご返信いただけますと幸いです。{ $name }さんも、あなたからの言葉、とりわけご自身の強みについての言葉を心待ちにしていることと思います。短いひと言でも、大きな励みになります。
email-reply-nudge-button = シートを読んで返信する
email-reply-nudge-privacy = { $name }さんのプライバシーを守るため、シートの内容はメールには記載しておりません。内容はサイトでご確認ください。
email-reply-nudge-unable = ご事情によりご返信が難しい場合は、お手数ですが事務局までご連絡ください。
email-reply-nudge-crossed = 本メールと行き違いでご返信いただいている場合は、ご容赦ください。
email-reply-nudge-reason = 架け橋であなたがメンターを務める{ $name }さんのメンタリングシートに、まだご返信がないため、このメールをお送りしています。このお知らせは、シートごとに一度だけお送りします。

## 17. feedback_request

email-feedback-subject = 【架け橋】プラン修了のお祝いと、アンケートのお願い
email-feedback-intro = すべての面談とメンタリングシートのやりとりを終え、あなたのプランが修了しました。おめでとうございます。ここまで本当にお疲れさまでした。
email-feedback-ask = プログラムをよりよいものにするため、簡単なアンケートへのご協力をお願いいたします。所要時間は1分ほどです。
email-feedback-questions-heading = アンケートの内容
email-feedback-q-satisfaction = メンターとのマッチングの満足度（1〜5の5段階）
email-feedback-q-action = 面談を受けてから、何か前向きな行動を起こしたかどうか（起こした場合は、その内容）
email-feedback-q-comment = ご意見・ご感想（任意）
email-feedback-use = いただいた回答は、これから参加される方々のために、プログラムの改善に役立てます。
email-feedback-button = アンケートに答える
email-feedback-closing = これからのあなたの歩みを、事務局一同、心から応援しています。
email-feedback-reason = 架け橋で、あなたのプランが修了したため、このメールをお送りしています。
