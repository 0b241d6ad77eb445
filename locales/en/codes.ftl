## Labels of every code of the API contract ("Codes"). Key: {prefix}-{code}.

## age_band
age_band-20s = 20s
age_band-30s = 30s
age_band-40s = 40s
age_band-50s = 50s
age_band-60s_plus = 60 or over

## industry
industry-manufacturing = Manufacturing
industry-it_telecom = IT and telecommunications
industry-finance_insurance = Finance and insurance
industry-retail_wholesale = Retail and wholesale
industry-transport_logistics = Transport and logistics
industry-construction_real_estate = Construction and real estate
industry-medical_welfare = Healthcare and social care
industry-education = Education
industry-public_sector = Public sector
industry-consulting_services = Consulting and services
industry-media_advertising = Media and advertising
industry-energy_infrastructure = Energy and infrastructure
industry-food_hospitality = Food and hospitality
industry-other = Other

## company_size
company_size-large = Large company
company_size-sme = Small or medium-sized company
company_size-startup = Start-up
company_size-public = Public body
company_size-nonprofit = Non-profit organisation

## job_function
job_function-sales = Sales
job_function-marketing = Marketing and PR
job_function-engineering = Engineering
job_function-research = Research and development
job_function-production = Production
job_function-hr = Human resources
job_function-finance_accounting = Finance and accounting
job_function-legal = Legal
job_function-general_affairs = General affairs
job_function-it = IT
job_function-planning = Corporate and business planning
job_function-customer_service = Customer service
job_function-other = Other

## position
position-staff = Staff
position-leader = Team leader
position-manager = Manager
position-senior_manager = Senior manager
position-executive = Executive
position-specialist = Specialist

## employment
employment-full_time = Full time
employment-short_hours = Shorter working hours
employment-on_leave = On leave (maternity, childcare, …)
employment-other = Other

## leave_status
leave_status-none = Never taken leave
leave_status-on_leave = Currently on leave
leave_status-returned_within_1y = Returned within the last year
leave_status-returned_over_1y = Returned more than a year ago

## concern
concern-return_from_leave = Returning from childcare leave
concern-management_offer = Whether to accept a management offer
concern-promotion_exam = A promotion exam
concern-no_role_model = No role model around me
concern-work_life_balance = Balancing work and family
concern-step_up_without_management = Stepping up without becoming a manager
concern-job_change = Changing jobs
concern-skills = Skills and learning
concern-leadership = Leadership
concern-relationships_at_work = Relationships at work
concern-other = Other

## self_check
self_check-not_invited_to_meetings = I am no longer invited to meetings
self_check-flat_evaluation = My evaluation is stuck at "average"
self_check-more_chores = I get more and more chores
self_check-assistant_work_only = I am given only assistant work
self_check-told_not_to_push = I am told "don't push yourself"
self_check-lost_confidence = I have lost confidence

## experience
experience-same_industry = Same industry
experience-same_company_size = Same size of company
experience-sme = Worked at a small or medium-sized company
experience-large_company = Worked at a large company
experience-parenting = Raises children while working
experience-single_parent = Single mother
experience-single = Single
experience-returned_after_homemaking = Returned to work after years at home
experience-overseas = Worked abroad
experience-first_woman_manager = First woman manager in a male-dominated workplace
experience-male_dominated_workplace = Built a career in a male-dominated workplace
experience-executive = Executive
experience-manager = Manager
experience-sales = Sales career
experience-hr = HR career
experience-stem = Science or engineering career
experience-career_change = Changed careers

## availability
availability-weekday_morning = Weekday mornings
availability-weekday_lunch = Weekday lunchtimes
availability-weekday_evening = Weekday evenings
availability-weekend = Weekends

## plan_kind
plan_kind-single = Single session
plan_kind-three = Three-session plan

## importance
importance-must = Must have
importance-nice = Nice to have
importance-hint = From your concerns

## role
role-mentee = Mentee
role-mentor = Mentor
role-coordinator = Coordinator

## intake_status
intake_status-all = All
intake_status-draft = Draft
intake_status-submitted = Submitted
intake_status-matching = Matching
intake_status-matched = Matched
intake_status-withdrawn = Withdrawn

## assignment_status
assignment_status-pending = Awaiting answer
assignment_status-accepted = Accepted
assignment_status-declined = Declined
assignment_status-withdrawn = Withdrawn

## plan_status
plan_status-active = Active
plan_status-completed = Completed
plan_status-cancelled = Cancelled

## session_status
session_status-unscheduled = Not yet scheduled
session_status-proposed = Times proposed
session_status-scheduled = Scheduled
session_status-held = Held
session_status-cancelled = Cancelled

## sheet_status
sheet_status-none = Not started
sheet_status-draft = Draft
sheet_status-submitted = Submitted
sheet_status-replied = Replied
waiting-scheduling = Not scheduled
waiting-sheet = Sheet not submitted
waiting-reply = Awaiting reply

## ineligible
ineligible-not_accepting = Not accepting mentees at the moment
ineligible-at_capacity = At full capacity

## side
side-mentee = Mentee
side-mentor = Mentor

## extension_status
extension_status-pending = Awaiting approval
extension_status-approved = Approved
extension_status-declined = Declined

## next_step
next_step-propose_times = Propose times
next_step-choose_time = Choose one of the proposed times
next_step-await_choice = Wait for the other person to choose a time
next_step-attend = Join the session
next_step-write_sheet = Write your mentoring sheet
next_step-await_sheet = Wait for your mentee's mentoring sheet
next_step-await_reply = Wait for your mentor's reply
next_step-write_reply = Reply to your mentee's sheet
next_step-read_exchange = Read the exchange
next_step-nothing = Nothing to do
