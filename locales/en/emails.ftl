# Emails (templates under emails/). Every key starts with `email-`.
# Arguments are single lowercase words: $name, $expires, $mentor, $mentee,
# $other, $headline, $plan.

## Shared layout (emails/base.*)

email-brand = 架け橋 Kakehashi
email-tagline = An external-mentor programme for working women
email-greeting = Dear { $name },
email-signoff = The Kakehashi coordinators
email-signoff-system = Kakehashi notifications
email-button-fallback = If the button does not open, copy this address into your browser:
email-footer-automatic = This message was sent automatically by the Kakehashi system.
email-footer-reason-default = You are receiving this email because you are registered with Kakehashi.

## 1. mentor_invitation

email-invitation-subject = [Kakehashi] An invitation to join as a mentor
email-invitation-intro = We are writing from the Kakehashi coordinators' office to invite you to join Kakehashi as a mentor.
email-invitation-about = Kakehashi is an external-mentor programme for working women in Japan. Each mentee is matched with a manager-level woman from another company; they meet for a short series of online sessions, and after each session they exchange a written mentoring sheet, a little like an exchange diary. Many women find it hard to talk openly about their career inside their own company, and a mentor from outside is the very point of the programme.
email-invitation-how = The coordinators will propose mentees to you. You will see a summary of each proposal and decide yourself whether to accept it, so you only take on what your time allows.
email-invitation-action = To get started, set your password using the link below.
email-invitation-button = Set my password
email-invitation-expiry = This link can be used only once and is valid until { $expires } (Japan time), 7 days after it was sent. If it has expired, please contact the coordinators and we will send you a new one.
email-invitation-reason = You are receiving this email because the Kakehashi coordinators invited you to join as a mentor. If you were not expecting it, please ignore this email: the account cannot be used until a password is set.

## 2. intake_submitted

email-intake-subject = [Kakehashi] We have received your application
email-intake-thanks = Thank you for applying to Kakehashi. Your application has been received. The detail you gave us is what helps us find a mentor who truly fits you.
email-intake-next-heading = What happens next
email-intake-step-read = A coordinator reads your application in full.
email-intake-step-call = If we would like to know a little more, a coordinator may phone you.
email-intake-step-propose = The coordinator chooses a mentor who fits you and proposes the match.
email-intake-step-notify = As soon as the match is confirmed, we will let you know by email.
email-intake-link-intro = You can review your application at any time on this page:
email-intake-button = View my application
email-intake-closing = We look forward to introducing you to your mentor.
email-intake-reason = You are receiving this email because you applied to Kakehashi as a mentee. If you did not, please contact the coordinators.

## 3. assignment_proposed

email-proposed-subject = [Kakehashi] A new mentee has been proposed to you
email-proposed-intro = The coordinators would like to propose a new mentee to you.
email-proposed-message-heading = A note from the coordinator
email-proposed-action = Please open the proposal to read a summary of the mentee, then let us know whether you can accept.
email-proposed-button = View the proposal
email-proposed-privacy = To protect the mentee's privacy, details about her are shown only on the Kakehashi site, never in email.
email-proposed-decline-ok = If the timing is not right, please feel free to decline: the coordinators will look for another mentor.
email-proposed-reason = You are receiving this email because you are registered as a mentor with Kakehashi.

## 4. assignment_declined

email-declined-subject = [Kakehashi] { $mentor } declined the proposal for { $mentee }
email-declined-intro = { $mentor } (mentor) has declined the proposed match with { $mentee } (mentee).
email-declined-reason-heading = Reason given
email-declined-no-reason = (No reason was given.)
email-declined-action = Please open the intake and consider another mentor.
email-declined-button = Open the intake
email-declined-reason = You are receiving this email because you are a Kakehashi coordinator.

## 5. match_introduction
# $plan is the plan kind: "three" or "single".

email-match-subject-mentee = [Kakehashi] Your mentor has been confirmed
email-match-subject-mentor = [Kakehashi] Introducing your mentee, { $other }
email-match-intro-mentee = Thank you for waiting. We are happy to let you know that your mentor has been confirmed.
email-match-intro-mentor = Thank you for accepting the match with your new mentee.
email-match-who-mentee = Your mentor is { $other }.
email-match-who-mentor = Your mentee is { $other }.
email-match-headline = About her: { $headline }
email-match-plan = Plan: { $plan ->
        [three] Three-session plan (3 sessions)
       *[single] Single-session plan (1 session)
    }
email-match-next-heading = Next step
email-match-next = First, agree the time of your first session directly with each other on the plan page; the coordinators do not sit in the middle. One of you proposes a few times, the other picks one, and you both receive a calendar invitation.
email-match-online = Sessions take place online, by video call.
email-match-button = Open the plan page
email-match-closing-mentee = We hope these sessions bring you something valuable.
email-match-closing-mentor = Thank you, from all of us, for supporting your mentee.
email-match-reason-mentee = You are receiving this email because you applied to Kakehashi as a mentee and have now been matched with a mentor.
email-match-reason-mentor = You are receiving this email because you accepted a match with a mentee as a Kakehashi mentor.
