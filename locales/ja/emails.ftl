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
email-invitation-about = 架け橋は、働く女性（メンティ）と、別の会社で管理職として活躍されている女性（メンター）をつなぐ社外メンタープログラムです。オンラインで数回の面談を行い、面談のあとにはメンタリングシートを交換日記のようにやり取りします。社内ではなかなか相談できないことも、社外のメンターだからこそ話せる。それがこのプログラムの大切な価値です。
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
email-proposed-intro = 事務局より、あなたに新しいメンティをご提案いたします。
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
email-match-who-mentee = あなたのメンターは{ $other }さんです。
email-match-who-mentor = あなたのメンティは{ $other }さんです。
email-match-headline = プロフィール：{ $headline }
email-match-plan = プラン：{ $plan ->
        [three] 3回プラン（面談3回）
       *[single] 1回プラン（面談1回）
    }
email-match-next-heading = 次のステップ
email-match-next = まずは、プランのページでお二人で直接やり取りし、1回目の面談の日時を決めてください。日程調整に事務局は入りません。どちらかが候補の日時をいくつか提案し、もう一方が都合のよい日時を選ぶと、お二人にカレンダーの招待が届きます。
email-match-online = 面談はオンライン（ビデオ通話）で行います。
email-match-button = プランのページを開く
email-match-closing-mentee = 実りある時間になりますよう、事務局一同願っております。
email-match-closing-mentor = メンティの力になっていただけることに、心より感謝いたします。
email-match-reason-mentee = 架け橋のメンティとしてお申込みいただき、メンターとのマッチングが成立したため、このメールをお送りしています。
email-match-reason-mentor = 架け橋のメンターとしてメンティとのマッチングをお引き受けいただいたため、このメールをお送りしています。
