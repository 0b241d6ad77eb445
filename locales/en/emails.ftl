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

## Sessions: shared (emails/session_*)
# $number is the session number (1, 2, 3…); $when a formatted time range;
# $zone a time zone name such as Asia/Tokyo; $url the meeting link.

email-session-title = Session { $number }
email-session-theme = Theme: { $theme }
email-session-when = When: { $when }
email-session-when-zone = When: { $when } ({ $zone })
email-session-meeting-url = Meeting link: { $url }
email-session-meeting-url-label = Meeting link
email-session-button = Open the session page

## 6. session_proposed

email-session-proposed-subject = [Kakehashi] { $name } has proposed times for session { $number }
email-session-proposed-subject-reschedule = [Kakehashi] { $name } would like to move session { $number }
email-session-proposed-intro = { $name } has proposed some times for session { $number }.
email-session-proposed-intro-reschedule = { $name } would like to move session { $number } and has proposed some new times.
email-session-proposed-current = Currently scheduled: { $when }
email-session-proposed-slots-heading = Proposed times
email-session-proposed-message-heading = A note from { $name }
email-session-proposed-action = Please open the page below and choose the time that suits you best.
email-session-proposed-button = Choose a time
email-session-proposed-not-final = Nothing is fixed yet: the session is confirmed only when you choose a time, and you will then both receive a calendar invitation.
email-session-proposed-not-final-reschedule = Nothing has changed yet: until you choose a new time, the session stays at { $when }. Once you choose, you will both receive an updated calendar invitation.
email-session-proposed-reason = You are receiving this email because { $name } proposed times for a session in your Kakehashi plan.

## 7. session_confirmed

email-session-confirmed-subject = [Kakehashi] Session { $number } is confirmed
email-session-confirmed-subject-moved = [Kakehashi] Session { $number } has been moved
email-session-confirmed-intro = Session { $number } with { $name } is confirmed.
email-session-confirmed-intro-moved = Session { $number } with { $name } has been moved. Here is the new time.
email-session-confirmed-previous = Previously: { $when }
email-session-confirmed-calendar-heading = Adding it to your calendar
email-session-confirmed-calendar = A calendar invitation is attached to this email. Open it to add the session to Google Calendar, Outlook, your iPhone or any other calendar. If the time changes later, the new invitation updates the same entry, so you will not end up with duplicates.
email-session-confirmed-calendar-moved = An updated calendar invitation is attached to this email. Open it and the entry already in your calendar moves to the new time; if you had not added it yet, you can add it now to Google Calendar, Outlook, your iPhone or any other calendar.
email-session-confirmed-change = If the time needs to change, please propose new times from the session page.
email-session-confirmed-reason = You are receiving this email because a time was agreed for your session with { $name } on Kakehashi.
email-session-confirmed-reason-moved = You are receiving this email because your session with { $name } on Kakehashi was moved to a new time.

## 8. session_cancelled

email-session-cancelled-subject = [Kakehashi] Session { $number } has been cancelled
email-session-cancelled-intro-when = { $name } has cancelled session { $number }, which was scheduled for { $when }.
email-session-cancelled-intro = { $name } has cancelled the arrangements for session { $number }.
email-session-cancelled-reason-heading = Reason given
email-session-cancelled-no-reason = (No reason was given.)
email-session-cancelled-calendar = A calendar cancellation is attached to this email. Open it to remove the session from your calendar.
email-session-cancelled-next = The session itself is still part of your plan. When you would like to find a new time, please propose new times from the session page.
email-session-cancelled-reason = You are receiving this email because a session in your Kakehashi plan was cancelled.

## 9. session_held

email-session-held-subject-mentee = [Kakehashi] Well done on session { $number }
email-session-held-subject-mentor = [Kakehashi] Thank you for session { $number }
email-session-held-intro = { $name } has marked session { $number } as held.
email-session-held-thanks-mentee = Well done, and thank you for making the time.
email-session-held-sheet-mentee = You can write the mentoring sheet for this session now, from the plan page; a draft is saved automatically as you type. It is worth noting down what you noticed and your next step while the conversation is still fresh.
email-session-held-thanks-mentor = Thank you so much for making time for { $name } in your busy schedule.
email-session-held-plan-mentor = You can see the record of your sessions and what comes next on the plan page.
email-session-held-mistake = If the session has not actually taken place, please let the coordinators know.
email-session-held-button = Open the plan page
email-session-held-reason = You are receiving this email because { $name } marked a session in your Kakehashi plan as held.

## 10. session_reminder

email-session-reminder-subject = [Kakehashi] Reminder: session { $number } tomorrow
email-session-reminder-intro = Just a reminder that session { $number } with { $name } is tomorrow. Here are the details.
email-session-reminder-cannot = If you can no longer attend, please propose a new time or cancel from the session page; { $name } will be notified by email.
email-session-reminder-closing = We hope you have a good conversation.
email-session-reminder-reason = You are receiving this email because you have a session with { $name } on Kakehashi tomorrow.

## 11. extension_requested

email-ext-requested-subject = [Kakehashi] { $mentee } asks for one more session
email-ext-requested-intro = { $mentee } (mentee) has completed her plan with { $mentor } (mentor) and would like one more session.
email-ext-requested-message-heading = A note from { $mentee }
email-ext-requested-action = Please open the request below to approve or decline it. Either way, { $mentee } and { $mentor } will be notified by email.
email-ext-requested-button = Review the request
email-ext-requested-reason = You are receiving this email because you are a Kakehashi coordinator.

## 12. extension_decided

email-ext-decided-subject-approved = [Kakehashi] One more session has been added to your plan
email-ext-decided-subject-declined = [Kakehashi] About the request for one more session
email-ext-approved-mentee = Good news: the coordinators have approved your request for one more session. A new session has been added to your plan with { $mentor }.
email-ext-approved-mentor = { $mentee } asked for one more session, and the coordinators have approved it. A new session has been added to your plan with { $mentee }.
email-ext-approved-next = As before, please agree the time directly with each other on the plan page: one of you proposes a few times and the other picks one.
email-ext-approved-closing-mentee = We hope the extra session brings you something valuable.
email-ext-approved-closing-mentor = Thank you for continuing to support { $mentee }.
email-ext-declined-mentee = Thank you for asking for one more session. The coordinators have considered your request carefully, but we are sorry to say that we are not able to add a session this time.
email-ext-declined-mentor = { $mentee } asked for one more session with you. The coordinators have considered the request and decided not to add a session this time; we wanted to let you know.
email-ext-declined-reason-heading = The coordinators' reason
email-ext-declined-plan = Your sessions and mentoring sheets so far remain available on the plan page.
email-ext-declined-closing-mentee = We are cheering you on as you take the next steps you found in your sessions. If you have any questions, please do not hesitate to contact the coordinators.
email-ext-declined-closing-mentor = Thank you for everything you have done for { $mentee }.
email-ext-decided-button = Open the plan page
email-ext-decided-reason-mentee = You are receiving this email because you asked for one more session on Kakehashi.
email-ext-decided-reason-mentor = You are receiving this email because your mentee { $mentee } asked for one more session on Kakehashi.

## Mentoring sheets: shared notes (emails/sheet_*, emails/reply_nudge)
# $name is the other person's display name; $number the session number.
# These emails never contain the text of a sheet or a reply, only a link.

## 13. sheet_submitted

email-sheet-submitted-subject = [Kakehashi] { $name } has sent you her sheet for session { $number }
email-sheet-submitted-intro = Your mentee { $name } has sent you her mentoring sheet for session { $number }.
email-sheet-submitted-action = When you have a moment, please read her sheet and send a reply.
email-sheet-submitted-strengths = In your reply, under "Your strengths", please name the strengths you have seen in { $name }, in the session or in what she wrote. Being told of a strength she had not seen in herself can mean a great deal to a mentee, and often gives her real confidence.
email-sheet-submitted-button = Read and reply
email-sheet-submitted-privacy = To protect { $name }'s privacy, what she wrote is not included in this email; you can read it on the site.
email-sheet-submitted-closing = Thank you for supporting { $name }.
email-sheet-submitted-reason = You are receiving this email because { $name }, your mentee on Kakehashi, submitted a mentoring sheet.

## 14. sheet_replied

email-sheet-replied-subject = [Kakehashi] { $name } has replied to your sheet for session { $number }
email-sheet-replied-intro = Your mentor { $name } has replied to your mentoring sheet for session { $number }.
email-sheet-replied-strengths = Her reply also names the strengths she sees in you. Do take your time reading it.
email-sheet-replied-button = Read the reply
email-sheet-replied-privacy = For your privacy, the reply itself is not included in this email; it is only on the site.
email-sheet-replied-closing = We are cheering you on as you take your next step.
email-sheet-replied-reason = You are receiving this email because your mentor { $name } replied to your mentoring sheet on Kakehashi.

## 15. sheet_nudge

email-sheet-nudge-subject = [Kakehashi] Would you like to write your sheet for session { $number }?
email-sheet-nudge-intro = It has been a few days since session { $number } with { $name }. We hope all is well.
email-sheet-nudge-invite = Would you like to write your mentoring sheet? Just what you noticed in the session and the next step you would like to take; a few lines are fine. Once you submit it, { $name } will reply.
email-sheet-nudge-draft = What you type is saved as a draft automatically, so you can write a little at a time. { $name } cannot see your draft until you submit it.
email-sheet-nudge-button = Write my sheet
email-sheet-nudge-closing = If now is a busy time, there is no rush: please go at your own pace.
email-sheet-nudge-reason = You are receiving this email because the mentoring sheet for your session with { $name } on Kakehashi has not been submitted yet. We send this reminder only once per session.

## 16. reply_nudge

email-reply-nudge-subject = [Kakehashi] { $name }'s sheet for session { $number } is waiting for your reply
email-reply-nudge-thanks = Thank you, as always, for volunteering your time as a Kakehashi mentor.
email-reply-nudge-intro = A few days ago your mentee { $name } sent you her mentoring sheet for session { $number }, so we are sending a gentle reminder.
email-reply-nudge-action = When you have a moment, we would be grateful if you could read it and reply. { $name } is surely looking forward to hearing from you, above all about the strengths you see in her. Even a few words can mean a lot.
email-reply-nudge-button = Read and reply
email-reply-nudge-privacy = To protect { $name }'s privacy, what she wrote is not included in this email; you can read it on the site.
email-reply-nudge-unable = If you are unable to reply for any reason, please let the coordinators know.
email-reply-nudge-crossed = If you have replied in the meantime, please disregard this email.
email-reply-nudge-reason = You are receiving this email because a mentoring sheet from { $name }, your mentee on Kakehashi, has not had a reply yet. We send this reminder only once per sheet.

## 17. feedback_request

email-feedback-subject = [Kakehashi] Congratulations on completing your plan, and a short questionnaire
email-feedback-intro = Congratulations! Every session has been held and every mentoring sheet has had its reply, so your plan is now complete. Well done on all you have put into it.
email-feedback-ask = To help us make the programme better, would you answer a short questionnaire? It takes about a minute.
email-feedback-questions-heading = What we ask
email-feedback-q-satisfaction = How satisfied you are with the match with your mentor (1 to 5)
email-feedback-q-action = Whether you have taken a positive step since your sessions began, and if so, what it was
email-feedback-q-comment = Any comments you would like to share (optional)
email-feedback-use = Your answers help us improve the programme for the women who join after you.
email-feedback-button = Answer the questionnaire
email-feedback-closing = All of us are cheering you on in the steps ahead.
email-feedback-reason = You are receiving this email because your Kakehashi plan has been completed.
