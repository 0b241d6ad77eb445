## Page words (English). Code labels live in codes.ftl; emails in emails.ftl.

## Site and navigation
site-name = 架け橋 Kakehashi
site-tagline = Mentoring for working women, with a mentor from outside your company
nav-skip = Skip to main content
nav-label = Main menu
nav-mentee-home = My page
nav-intake = My application
nav-mentor-home = Mentor page
nav-mentor-profile = Profile
nav-intakes = Applications
nav-mentors = Mentors
nav-mentor-new = Invite a mentor
nav-template = Session template
nav-signed-in-as = { $name }
nav-logout = Log out
nav-login = Log in
nav-register = Sign up
footer-privacy = What you tell us is used only to match you with a mentor and to run the programme.

## Common form words
form-required = Required
form-error-summary = Some answers need your attention
form-choose = Please choose
form-recommended = Recommended
form-cancel = Cancel
pref-any = No preference
label-status = Status
label-submitted-at = Submitted
label-completeness = Completeness
label-consent = Consent to the handling of personal information
label-mentee = Mentee
label-mentor = Mentor
label-load = Load
label-accepting = Accepting
label-actions = Actions
badge-needs-call = Call first
badge-invitation-pending = Invited
answer-none = Not answered
answer-age = { $age } years old
answer-yes = Yes
answer-no = No
answer-no-preference = No particular preference
locale-ja = 日本語
locale-en = English
pagination-label = Pages
pagination-prev = Previous
pagination-next = Next
pagination-status = Page { $page } of { $pages }

## Landing page
landing-title = Think about your career with a mentor from outside your company
landing-lead = Kakehashi connects working women with women managers from other companies. Things that are hard to say inside your own company are easier to talk about with someone from outside.
landing-cta-register = Sign up for free
landing-cta-login = Log in
landing-how-title = What makes Kakehashi different
landing-point-outside-title = A mentor from outside
landing-point-outside = Your mentor is a woman manager or executive at another company. You can speak openly, without worrying about evaluations or office politics.
landing-point-sessions-title = Three sessions
landing-point-sessions = You meet online three times, each with a theme: where you are and what worries you, your strengths and values, and a concrete plan.
landing-point-sheets-title = A written exchange
landing-point-sheets = After each session you write down what you realised and your next step in a mentoring sheet. Your mentor replies and names strengths you may not have seen in yourself.
landing-flow-title = How it works
landing-flow-1 = Sign up and fill in the application form.
landing-flow-2 = The coordinator reads it and proposes a mentor who fits you.
landing-flow-3 = Once the mentor accepts, you schedule your sessions directly with her.
landing-flow-4 = After each session you exchange mentoring sheets and take your next step.
landing-privacy = Only the coordinator and your mentor read your application. This is a safe, closed space.

## Login, registration, setup, invitation
login-title = Log in
login-submit = Log in
login-retry-after = Please wait about { $seconds } seconds and try again.
login-no-account = No account yet?
login-register-link = Sign up
register-title = Sign up
register-lead = Create a mentee account, then continue to the application form.
register-submit = Sign up
register-have-account = Already have an account?
register-login-link = Log in
setup-title = First-time setup
setup-lead = Create the first coordinator account. This page works only once.
setup-submit = Create the coordinator account
invitation-title = Set your password
invitation-welcome = { $name }, thank you for joining Kakehashi as a mentor.
invitation-lead = Choose the password you will use to log in.
invitation-submit = Set my password

## Mentee home
mentee-home-title = My page
mentee-home-greeting = Welcome, { $name }.
mentee-next-step = Your next step
mentee-next-start = Start by filling in the application form. You can save it and come back to it later.
mentee-start-intake = Start my application
mentee-next-continue = Your application is not finished yet. Continue where you left off.
mentee-continue-intake = Continue
mentee-next-wait = We have received your application. The coordinator is reading it and looking for a mentor who fits you. Thank you for your patience.
mentee-needs-call = The coordinator may phone you to go over a few points.
mentee-review-intake = Review my application
mentee-next-matching = We have asked a mentor. Please wait for her answer.
mentee-next-plan = Your mentor is confirmed. Have a look at your plan and sessions.
mentee-see-plan = See my plan
mentee-next-matched = Your mentor is confirmed. Your plan will appear here shortly.
mentee-next-withdrawn = This application has been withdrawn. Please contact the coordinator if you have any questions.
mentee-intake-title = Your application
mentee-plans-title = Your plans
mentee-plans-empty = No plan yet. It will appear here once your mentor is confirmed.
plan-with-mentor = Mentor: { $name }
plan-with-mentee = Mentee: { $name }

## Intake steps
intake-title = Application form
intake-lead = To find the right mentor for you, we ask in some detail. You can save at any point and continue later.
intake-progress-label = Application progress
intake-step-of = Step { $step } of { $total }
intake-step-done = done
intake-completeness = { $percent }% complete
intake-step-1 = About you
intake-step-2 = Family and work style
intake-step-3 = What you want to talk about
intake-step-4 = Mentor preferences and plan
intake-step-5 = Review and submit
intake-step-1-intro = Tell us about your work.
intake-step-2-intro = Tell us about your family, how you work and when you are free. Leave anything blank that you prefer not to answer.
intake-step-3-intro = Tell us what you would like to discuss with a mentor. This matters most for the match.
intake-step-4-intro = Choose the experience you would like your mentor to have, and your plan.
intake-self-check-title = "Mommy track" self-check
intake-self-check-intro = After childcare leave, many women are moved to low-responsibility work regardless of their own ambitions, and their careers stall. This is called the "mommy track". Do any of these signs sound familiar?
intake-editing-submitted = This application has been submitted. You can still change it until you are matched.
intake-action-next = Next
intake-action-review = Go to review
intake-action-save = Save draft
intake-action-back = Back
intake-save-note = Your answers are also saved when you press Next or Back.
intake-review-lead = Check your answers. If everything is right, agree to the handling of your personal information and submit.
intake-review-edit = Edit
intake-review-submitted = Your application has been submitted.
intake-review-submitted-at = (submitted { $date })
intake-review-still-editable = Until you are matched, you can still change your answers from each step.
intake-review-missing-title = Please answer these before submitting
intake-review-missing-lead = Select an item to go to the place where you can answer it.
intake-review-back = Back to step 4
intake-review-to-home = Go to my page
intake-submit = Agree and submit my application

## Consent (APPI)
consent-title = How we handle your personal information
consent-text =
    In accordance with Japan's Act on the Protection of Personal Information, the Kakehashi coordinator handles the personal information you give us as follows.

    Purpose: We use your answers only to match you with a mentor and to run the programme (scheduling sessions, exchanging mentoring sheets and contacting you). We never use them for any other purpose or give them to third parties without your consent.

    Who can see it: The coordinator reads your application. Once you are matched, your mentor sees a summary of it. Your phone number is never shown to your mentor.

    Mentoring sheets: The coordinator reads your mentoring sheets only if you agree to it, and every such reading is recorded.

    Your rights: You can ask at any time to export or delete your data. Please contact the coordinator.
consent-version = Consent text version: { $version }

## Field labels and why we ask
field-age_band = Age
field-age_band-help = Helps us find a mentor close to your age, or one who has been through the same stage of life.
field-industry = Industry of your employer
field-industry-help = Helps us find a mentor who knows what is particular about your industry.
field-company_size = Size of your employer
field-company_size-help = Career questions and company policies differ a lot with the size of the company.
field-job_function = Job
field-job_function-help = Helps us propose a mentor with a similar job.
field-position = Position
field-position-help = Helps us choose a mentor whose advice fits where you are now.
field-employment = Employment
field-employment-help = Helps us plan the themes and pace of your sessions around how you work.
field-children = Number of children
field-children-help = Helps if you would like a mentor who has raised children while working. You may leave it blank.
field-youngest_child_age = Age of your youngest child
field-youngest_child_age-help = Helps your mentor talk about the stage of parenting you are in.
field-leave_status = Maternity or childcare leave
field-leave_status-help = Helps us find a mentor who knows the questions that come before and after a return from leave.
field-availability = When you are free for sessions
field-availability-help = Sessions are online, mostly on weekday evenings or weekends. Choose every time that suits you so we can find a mentor whose time matches.
field-phone = Phone number
field-phone-help = Used only if the coordinator needs to check something in your application. It is never given to your mentor.
field-call_ok = The coordinator may phone me
field-call_ok-help = When an application is short, the coordinator sometimes phones before matching.
field-concerns = What you want to talk about
field-concerns-help = Choose everything that applies (at least one). This is the most important clue for the match.
field-self_check = Self-check: signs that apply to you
field-self_check-help = Choose any that apply. They help your mentor understand your situation.
field-concern_detail = In your own words
field-concern_detail-help = Describe your situation and what you are unsure about (at least 20 characters). The coordinator and your mentor read it to prepare sessions that fit you.
field-goals = What you hope to achieve
field-goals-help = Where would you like to be when the programme ends? Write as much as you can.
field-mentor_preferences = What you would like in a mentor
field-mentor_preferences-help = Choose "Must have" for what matters most and "Nice to have" for what would be welcome. The more musts, the longer a match may take.
field-plan = Plan
field-plan-help = We recommend the three-session plan: your current situation, your strengths and values, then a concrete plan. If you would first like to talk once, choose a single session.
field-consent = I agree to the handling of my personal information
field-consent-help = You cannot submit the application without agreeing.
field-email = Email address
field-display_name = Display name
field-display_name-help = The name the coordinator and your mentor will see. A nickname is fine.
field-password = Password
field-password-help = At least 10 characters.
field-locale = Language
field-note = Call note
field-message = Message to the mentor
field-reason = Reason for declining
field-headline = Headline
field-headline-help = For example: Sales director at a manufacturer, mother of two. The coordinator uses it when matching.
field-bio = About you
field-bio-help = Your career so far and anything you would like mentees to know.
field-experiences = Experience
field-experiences-help = Choose all that apply. They are compared with what mentees ask for.
field-capacity = Mentees at a time
field-capacity-help = Your active and proposed mentees together never exceed this number (0–10).
field-accepting = Accept new mentees
field-accepting-help = Untick to stop receiving new proposals. Your current mentees are not affected.
field-mentor_id = Mentor
field-theme_1 = Theme of session 1
field-theme_2 = Theme of session 2
field-theme_3 = Theme of session 3
field-prompts_1 = Prompts of session 1
field-prompts_2 = Prompts of session 2
field-prompts_3 = Prompts of session 3

## Problems beside a field
problem-required = This is required. Please fill it in or choose an option.
problem-unknown_code = Please choose one of the options.
problem-invalid = Please check this answer.
problem-too_long = This is too long. Please shorten it.
problem-too_short = This is too short. Please write a little more.
problem-invalid_email = This does not look like an email address.
problem-invalid_characters = This contains characters that cannot be used.
problem-invalid_phone = This does not look like a phone number. Use digits and hyphens.
problem-out_of_range = Please enter a number within the allowed range.
problem-duplicate = The same value appears more than once.
problem-read_only = This cannot be changed.
problem-unknown_field = This field is not accepted.
problem-not_found = This could not be found.
problem-email_taken = This email address is already registered.
problem-mismatch = The entries do not match.

## Errors and conflicts
error-not_found = We could not find the page you were looking for. Please check the address.
error-forbidden = You do not have permission to see this page.
error-unauthorized = Please log in and try again.
error-csrf_failed = This page has expired. Please reload it and try again.
error-rate_limited = There were too many attempts in a short time. Please wait a moment and try again.
error-internal = Sorry, something went wrong on our side. Please try again later.
error-validation_failed = Some answers need your attention.
error-malformed_body = We could not read what was sent. Please try again.
error-body_too_large = What was sent is too large. Please shorten it and try again.
error-invalid_credentials = The email address or password is not correct.
error-email_taken = This email address is already registered.
error-intake_locked = You have been matched, so the application can no longer be changed. Please contact the coordinator if something needs correcting.
error-intake_not_assignable = This application cannot be proposed to a mentor right now.
error-mentor_at_capacity = This mentor has reached her capacity.
error-mentor_not_accepting = This mentor is not accepting new mentees at the moment.
error-assignment_not_pending = This proposal has already been answered or withdrawn.
error-setup_closed = Setup has already been completed.
error-title-400 = The request could not be processed
error-title-401 = Please log in
error-title-403 = You cannot view this page
error-title-404 = Page not found
error-title-409 = This could not be completed
error-title-413 = Too large
error-title-422 = Please check your answers
error-title-429 = Please wait a moment
error-title-500 = Something went wrong
error-home-link = Back to the home page

## Flash messages
flash-registered = Your account has been created. Welcome to Kakehashi.
flash-logged-in = You are logged in.
flash-logged-out = You have logged out.
flash-draft-saved = Your draft has been saved.
flash-intake-submitted = Your application has been submitted. The coordinator will read it and propose a mentor.
flash-note-added = The call note has been added.
flash-intake-updated = The application has been updated.
flash-assigned = The mentor has been asked. Please wait for her answer.
flash-mentor-invited = The invitation email has been sent to the mentor.
flash-profile-saved = The profile has been saved.
flash-accepted = You have accepted. The plan has been created.
flash-declined = You have declined. The coordinator has been told.
flash-password-set = Your password has been set.
flash-coordinator-created = The coordinator account has been created.
flash-template-saved = The session template has been saved.

## Coordinator: intake queue
queue-title = Applications
queue-filter-label = Filter by status
queue-total =
    { $count ->
        [one] 1 application
       *[other] { $count } applications
    }
queue-caption = List of applications
queue-empty = No applications with this status.
queue-empty-hint = Try another status filter.

## Coordinator: one intake
coord-intake-title = Application of { $name }
coord-intake-back = Back to applications
coord-not-submitted = Not submitted
coord-no-consent = Not given
coord-jump-label = On this page
coord-answers-title = Answers
coord-call-notes-title = Call notes
coord-candidates-title = Candidate mentors
coord-history-title = History
coord-needs-call-title = Call first: phone the mentee before matching
coord-needs-call-text = This application is too short to match well. Phone the mentee, write what you heard in a call note and complete the application.
coord-contact-title = Contact
coord-missing-title = Required answers still missing
coord-edit-link = Edit the application
coord-call-notes-empty = No call notes yet.
coord-call-note-help = Record what you heard on the phone. Mentees and mentors never see call notes.
coord-call-note-submit = Add the note
coord-candidates-lead = Best score first. Check each reason; the decision is yours.
coord-cannot-assign = This application cannot be proposed to a mentor right now (it is not submitted, already proposed, or matched).
coord-candidates-empty = There are no candidate mentors.
coord-assignments-title = Proposals
coord-assignments-empty = No mentor has been asked yet.
coord-edits-title = Edits by the coordinator
coord-edits-empty = No edits yet.
candidate-score = Score
candidate-load = Active { $active } + proposed { $pending } / capacity { $capacity }
candidate-ineligible = Cannot be asked
candidate-musts-unmet = Does not meet every "must have"
candidate-matched = Matches
candidate-not-matched = Does not match
candidate-no-reasons = No preferences to compare.
assign-open = Ask { $name }
assign-message-help = Optional: a message added to the email the mentor receives, for example why you chose her.
assign-submit = Ask { $name }

## Coordinator: edit an intake
coord-edit-title = Edit the application of { $name }
coord-edit-back = Back to the application
coord-edit-lead = Complete the application with what you heard on the phone. Every change is recorded.
coord-edit-submit = Save changes

## Coordinator: mentors
mentors-title = Mentors
mentors-total =
    { $count ->
        [one] 1 mentor
       *[other] { $count } mentors
    }
mentors-load-legend = Load is "active + proposed / capacity".
mentors-caption = List of mentors
mentors-accepting-yes = Accepting
mentors-accepting-no = Not accepting
mentors-edit = Edit profile
mentors-empty = No mentors yet.
mentors-invite-link = Invite a mentor
mentor-new-title = Invite a mentor
mentor-new-back = Back to mentors
mentor-new-lead = We will email an invitation. The mentor can start once she has set her password. The link is valid for 7 days.
mentor-new-submit = Send the invitation

## Mentor profile
profile-title = Profile
profile-title-of = Profile of { $name }
profile-lead = The coordinator uses your profile when matching. Once you accept, your mentee sees your headline and introduction.
profile-lead-coordinator = Edit this mentor's profile. It is used in the matching scores.
profile-section-about = Introduction
profile-section-work = Work and experience
profile-section-capacity = Capacity
profile-industry = Industry
profile-company_size = Size of company
profile-job_function = Job
profile-position = Position
profile-submit = Save the profile

## Mentor home
mentor-home-title = Mentor page
mentor-home-greeting = Thank you for your support, { $name }.
mentor-load-title = Your load
mentor-load = Active { $active } + proposed { $pending } / capacity { $capacity }
mentor-accepting-note = You are receiving new proposals.
mentor-not-accepting-note = You will not receive new proposals.
mentor-edit-profile = Change your profile and capacity
mentor-pending-title = Proposals awaiting your answer
mentor-pending-lead = Read the summary of the mentee's application, then accept or decline.
mentor-pending-item = { $name }
mentor-proposed-at = Proposed { $date }
mentor-pending-open = Read and answer
mentor-pending-empty = No proposal needs your answer right now.
mentor-plans-title = Your plans
mentor-plans-empty = You have no plans yet.

## Mentor: one assignment
assignment-title = Proposal: mentoring { $name }
assignment-back = Back to the mentor page
assignment-coordinator-message = Message from the coordinator
assignment-summary-title = Summary of the application
assignment-summary-lead = A summary of what the mentee wrote in her application. Her contact details are not included.
assignment-decide-title = Your answer
assignment-decide-lead = If you accept, a plan is created and both of you are notified.
assignment-accept-title = If you can take her on
assignment-accept-help = After accepting, you schedule the sessions directly with the mentee.
assignment-accept = Accept
assignment-decline-title = If you cannot take her on
assignment-decline-help = Only the coordinator reads this; the mentee is not told. It helps with the next proposal.
assignment-decline = Decline
assignment-decided-title = Your answer to this proposal
assignment-decided-accepted = You have accepted this proposal. You will find the plan under "Your plans".
assignment-decided-declined = You have declined this proposal. Thank you for answering.
assignment-decided-withdrawn = The coordinator has withdrawn this proposal.

## Plans
plan-back-mentor = Back to the mentor page
plan-back-mentee = Back to my page
plan-sessions-title = Sessions
plan-session-number = Session { $number }
plan-session-no-theme = No theme yet
plan-sessions-empty = No sessions yet.
plan-scheduling-note = Next comes scheduling: one of you proposes a few times, the other picks one, and both receive a calendar invitation.

## Coordinator: session template
template-title = Session template
template-lead = Edit the theme of each session and the prompts shown in the mentoring sheet. Changes apply to plans created from now on.
template-theme = Theme
template-prompts = Prompts
template-prompts-help = One prompt per line. They are shown in the mentoring sheet.
template-submit = Save the template

## Calendar invitations (invite.ics) and the personal feed
ics-summary = Kakehashi mentoring session { $number }: { $theme }
ics-description = Kakehashi mentoring, session { $number }.
    Theme: { $theme }
    Mentee: { $mentee }
    Mentor: { $mentor }
ics-meeting-url = Join: { $url }
ics-manage = To move or cancel: { $link }
ics-feed-name = Kakehashi sessions ({ $name })

## Sessions: plan page, session page, settings, coordinator plans and extensions
plan-back-coordinator = ← All plans
plan-next-step = Next step:
plan-open-session = Open session { $number }
plan-extension-title = Extension (one more session)
plan-extension-lead = Every session of your plan is done. If you would like one more, you can ask for an extension; the coordinators will get back to you.
plan-extension-message = Message to the coordinators (optional)
plan-extension-submit = Ask for an extension
plan-extension-requested-on = requested on { $date }
plan-extension-reason = From the coordinators:
session-back = ← Back to the plan
session-when = Date and time
session-meeting-url = Meeting link
session-meeting-url-help = A Zoom, Google Meet or similar link (starting with https://).
session-with = With
session-download-ics = Add to calendar (invite.ics)
session-download-ics-help = The same file is attached to the invitation email. When the time changes, the same calendar entry is updated.
session-cancelled-reason = The previous time was cancelled. Reason:
session-prompts-title = What to think about in this session
session-your-proposal = The times you proposed
session-proposal-from = Times proposed by { $name }
session-choose-lead = Please choose the time that suits you. You will both receive a calendar invitation.
session-choose = Choose this time
session-clash = Clashes with your calendar
session-waiting = When the other person chooses a time, you will get an email with a calendar invitation.
session-propose-title = Propose times
session-reschedule-title = Propose a new time
session-propose-lead = Enter one to five times (in { $zone }). The other person picks one.
session-busy-hint = Add your own calendar and we will flag times that clash with it.
session-busy-link = Add my calendar
session-clash-warning = Some times clash with your calendar. Choose other times, or tick the box below to propose them anyway.
session-clash-ignore = Propose them anyway
session-slot = Option { $number }
session-duration = Length
session-minutes = { $minutes } min
session-message = Message (optional)
session-propose-submit = Send the times
session-held-title = After the session
session-held-lead = When the session is over, mark it as held (it is marked automatically once its end time has passed).
session-held-submit = Mark as held
session-cancel-title = Cancel
session-cancel-lead = Cancelling removes the session from both calendars and tells the other person by email. You can propose new times afterwards.
session-cancel-reason = Reason
session-cancel-submit = Cancel this session
nav-settings = Settings
nav-plans = Plans
nav-extensions = Extensions
settings-title = Settings
settings-prefs-title = Display
settings-locale = Language
settings-time-zone = Time zone
settings-time-zone-help = Session times are entered and shown in this time zone.
settings-save = Save
settings-feed-title = Subscribe in your calendar app
settings-feed-lead = Create your own private URL to subscribe to all your sessions in Google Calendar, iPhone Calendar and others. Do not share this URL.
settings-feed-new = Your subscription URL is ready. It is shown only on this screen: copy it into your calendar app now.
settings-feed-url = Subscription URL
settings-feed-active = Your subscription URL was created on { $date }. If you lost it, create a new one (the old one stops working).
settings-feed-none = You have no subscription URL yet.
settings-feed-create = Create a subscription URL
settings-feed-rotate = Create a new URL
settings-feed-revoke = Stop the subscription (disable the URL)
settings-busy-title = Your own calendar (to check when you are free)
settings-busy-lead = Upload an .ics file exported from your calendar, or give the URL of one, and we will flag proposed times that clash with your own events. Event details are not stored and never shown to anyone.
settings-busy-current = { $count } busy times stored (updated { $date }).
settings-busy-from-url = Source:
settings-busy-clear = Delete my busy times
settings-busy-none = No calendar added yet.
settings-busy-file = .ics file
settings-busy-file-help = The file exported by Google Calendar ("Export") or Outlook ("Save calendar"), up to 2 MB.
settings-busy-upload = Upload
settings-busy-url = .ics URL
settings-busy-url-help = For example Google Calendar's "Secret address in iCal format". Each time you submit it, the latest events are read.
settings-busy-fetch = Read from the URL
coord-plans-title = Plans
coord-plans-lead = { $total } plans in all.
coord-plans-empty = No plans yet. They appear here once a mentor accepts a match.
coord-ext-title = Extension requests
coord-ext-lead = Mentees who finished their plan and would like one more session. Approving adds a session to the plan.
coord-ext-pair = { $mentee } (mentor: { $mentor })
coord-ext-approve = Approve
coord-ext-reason = Reason for declining (shared with the mentee and mentor)
coord-ext-decline = Decline
coord-ext-empty = No extension requests.
pager-label = Pages
pager-prev = ← Previous
pager-next = Next →
flash-proposed = Your times were sent. We will tell you when one is chosen.
flash-confirmed = The time is set. You both have a calendar invitation.
flash-cancelled = Cancelled. The other person has been told.
flash-held = Marked as held. Thank you for your time.
flash-settings-saved = Settings saved.
flash-feed-revoked = Your subscription URL no longer works.
flash-busy-saved = Your busy times were saved.
flash-busy-cleared = Your busy times were deleted.
flash-extension-requested = Your extension request was sent. The coordinators will be in touch.
flash-extension-approved = Extension approved. Both have been told.
flash-extension-declined = Extension declined. Both have been told.
problem-in_past = That time has passed. Please enter a future time.
problem-too_far = Times more than a year ahead cannot be chosen.
problem-invalid_time = This is not a valid date and time.
problem-nonexistent_time = That time does not exist (daylight saving change). Please choose another.
problem-too_many = Up to five times.
problem-invalid_url = Please enter a URL starting with https://.
problem-not_a_calendar = This could not be read as a calendar (.ics) file.
problem-too_many_events = Too many events to read. Please export a shorter period.
problem-too_large = The file is too large (2 MB at most).
problem-fetch_failed = The calendar could not be fetched from that URL. Please check the URL and its sharing settings.
problem-private_address = That URL cannot be used. Please enter a URL reachable from the internet.
error-plan_not_active = This plan is not active, so its sessions cannot be scheduled.
error-session_held = This session has already been held.
error-session_cancelled = This session was cancelled.
error-nothing_proposed = There are no proposed times to choose from.
error-own_proposal = The other person chooses from the times you proposed.
error-slot_not_proposed = That time was not among the proposed times. Please choose again.
error-slot_in_past = That time has passed. Please propose new times.
error-nothing_to_cancel = There is no time to cancel.
error-session_not_scheduled = The session has no time yet, so it cannot be marked as held.
error-plan_not_completed = You can ask for an extension once every session of your plan is done.
error-extension_pending = An extension request is already with the coordinators.
error-extension_decided = This request has already been answered.
