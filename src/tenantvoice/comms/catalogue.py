"""Every kind of message TenantVoice sends, with its placeholders and its built-in wording.

Officers may replace the wording (and add translations) on the templates pages; the text here
is what is sent until they do, and what "restore the original" goes back to. Placeholders are
written ((like_this)), as in GOV.UK Notify, so councils' communications officers know them and
no template can run code. Each kind lists the placeholders its sender fills in; those about the
resident (``RESIDENT_PLACEHOLDERS``) are filled in for every message.

To add a kind: add a ``Kind`` to ``KINDS`` and call ``message_queue(template=<slug>, context=
{placeholder: text})`` with every placeholder it declares.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .models import Purpose

RESIDENT_PLACEHOLDERS: dict[str, str] = {
    "name": "What the resident likes to be called (else their first name)",
    "first_name": "First name",
    "last_name": "Last name",
    "full_name": "Title and full name, as on an envelope",
    "landlord": "The landlord's name",
}
# Filled in for news only: the link that stops news for this resident.
NEWS_PLACEHOLDERS: dict[str, str] = {"unsubscribe_link": "The link that stops news to this resident"}


@dataclass(frozen=True)
class Kind:
    slug: str
    name: str
    purpose: str
    subject: str
    body: str
    sms: str
    placeholders: dict[str, str] = field(default_factory=dict)
    # Where officers can see which event sends it.
    sent_when: str = ""

    def allowed(self) -> dict[str, str]:
        extra = NEWS_PLACEHOLDERS if self.purpose == Purpose.NEWS else {}
        return {**RESIDENT_PLACEHOLDERS, **extra, **self.placeholders}


ACTIVITY = {
    "activity": "The meeting or event's title",
    "date": "Its date, e.g. Tuesday 3 March 2026",
    "time": "Start and end times, e.g. 18:00 to 20:00",
    "where": "The venue and address, or 'Online'",
}

COMPLAINT = {
    "reference": "The complaint's reference, e.g. CMP-000123",
    "received": "The day it was received",
    "stage": "The stage, e.g. Stage 1",
}

KINDS: dict[str, Kind] = {
    kind.slug: kind
    for kind in [
        Kind(
            slug="complaint_acknowledged",
            name="Your complaint: we have received it",
            purpose=Purpose.SERVICE,
            sent_when="An officer records the acknowledgement of a stage of a complaint.",
            placeholders={
                **COMPLAINT,
                "defined_as": "What we understand the complaint to be, and the outcome wanted",
                "respond_by": "The date we will answer by, e.g. Monday 28 April 2025",
            },
            subject="Your complaint ((reference)): ((stage))",
            body=(
                "Dear ((name)),\n\n"
                "Thank you for your complaint, which we received on ((received)). We are dealing with it "
                "at ((stage)) of our complaints procedure.\n\n"
                "This is what we understand your complaint to be:\n((defined_as))\n\n"
                "If we have got this wrong, please tell us.\n\n"
                "We will give you our full response by ((respond_by)).\n\n"
                "((landlord))"
            ),
            sms=(
                "((landlord)): we have your complaint ((reference)) (((stage))). "
                "We will answer by ((respond_by))."
            ),
        ),
        Kind(
            slug="complaint_extended",
            name="Your complaint: we need more time",
            purpose=Purpose.SERVICE,
            sent_when="An officer extends the date a stage of a complaint will be answered by.",
            placeholders={
                **COMPLAINT,
                "reason": "Why we need more time",
                "respond_by": "The new date we will answer by",
                "defined_as": "What we understand the complaint to be",
                "ombudsman": "The ombudsman's name and contact details",
            },
            subject="Your complaint ((reference)): a new date for our response",
            body=(
                "Dear ((name)),\n\n"
                "We are sorry: we need more time to answer your complaint ((reference)) (((stage))).\n\n"
                "The reason is: ((reason))\n\n"
                "We will now answer by ((respond_by)).\n\n"
                "If you are unhappy with this, you can contact ((ombudsman)).\n\n"
                "((landlord))"
            ),
            sms=(
                "((landlord)): we need more time on complaint ((reference)). We will answer by "
                "((respond_by)). We have written to explain why."
            ),
        ),
        Kind(
            slug="complaint_response",
            name="Your complaint: our response",
            purpose=Purpose.SERVICE,
            sent_when="An officer records the response to a stage of a complaint.",
            placeholders={
                **COMPLAINT,
                "response": (
                    "The response: the decision on each point with the reasons, what we will do to put "
                    "it right, what is still to be done and by when, and how to take it further"
                ),
                "respond_by": "The date it was due by",
                "defined_as": "What we understood the complaint to be",
                "ombudsman": "The ombudsman's name and contact details",
            },
            subject="Your complaint ((reference)): our response (((stage)))",
            body=(
                "Dear ((name)),\n\n"
                "This is our response to your complaint ((reference)) at ((stage)).\n\n"
                "((response))\n\n"
                "You can read this in your account on our website too.\n\n"
                "((landlord))"
            ),
            sms=(
                "((landlord)): we have answered your complaint ((reference)). Our letter explains "
                "what we decided and what happens next."
            ),
        ),
        Kind(
            slug="complaint_refused",
            name="Your complaint: why we cannot accept it",
            purpose=Purpose.SERVICE,
            sent_when="An officer records that a complaint is not accepted into the complaints procedure.",
            placeholders={
                **COMPLAINT,
                "reason": "The reason it is not accepted",
                "detail": "The detailed explanation",
                "date": "The date of the decision",
                "ombudsman": "The ombudsman's name and contact details",
            },
            subject="Your complaint ((reference))",
            body=(
                "Dear ((name)),\n\n"
                "We are sorry, we cannot accept your complaint ((reference)) into our complaints "
                "procedure.\n\n"
                "The reason is: ((reason)).\n\n"
                "((detail))\n\n"
                "If you disagree with this decision, you have the right to ask ((ombudsman)) to look "
                "at it.\n\n"
                "((landlord))"
            ),
            sms=(
                "((landlord)): we cannot accept complaint ((reference)). We have written to explain "
                "why and what you can do."
            ),
        ),
        Kind(
            slug="activity_invitation",
            name="Invitation to a meeting or event",
            purpose=Purpose.SERVICE,
            sent_when="An officer presses 'Send invitations' on an activity.",
            placeholders={
                **ACTIVITY,
                "online": "How to join online (empty if in person)",
                "details": "The activity's description",
            },
            subject="Invitation: ((activity)), ((date))",
            body=(
                "Dear ((name)),\n\n"
                "You are invited to ((activity)).\n\n"
                "When: ((date)), ((time))\n"
                "Where: ((where))\n"
                "((online))\n\n"
                "((details))\n\n"
                "Please let us know if you can come, and if you need any help to take part "
                "(transport, childcare, an interpreter, a signer or large-print papers): reply on "
                'the website under "My meetings and events", or call us.\n\n'
                "((landlord))"
            ),
            sms="((landlord)): you are invited to ((activity)) on ((date)), ((time)), at ((where)). "
            "Reply on our website or call us to say if you can come.",
        ),
        Kind(
            slug="activity_cancelled",
            name="A meeting or event is cancelled",
            purpose=Purpose.SERVICE,
            sent_when="An officer cancels an activity people were invited to.",
            placeholders={**ACTIVITY, "reason": "Why it is cancelled"},
            subject="Cancelled: ((activity)), ((date))",
            body=(
                "Dear ((name)),\n\n"
                "((activity)) on ((date)) at ((time)) is cancelled.\n\n"
                "Why: ((reason))\n\n"
                "We are sorry for any trouble this causes. If you had arranged transport or "
                "childcare with us, we will cancel it.\n\n"
                "((landlord))"
            ),
            sms="((landlord)): ((activity)) on ((date)) is cancelled. ((reason))",
        ),
        Kind(
            slug="activity_moved",
            name="A meeting or event has moved",
            purpose=Purpose.SERVICE,
            sent_when="An officer moves an activity people were invited to.",
            placeholders={
                **ACTIVITY,
                "was": "When it was going to be, e.g. Tuesday 3 March 2026, 18:00 to 20:00",
            },
            subject="New time: ((activity)), ((date))",
            body=(
                "Dear ((name)),\n\n"
                "((activity)) has moved. It was going to be on ((was)).\n\n"
                "When: ((date)), ((time))\n"
                "Where: ((where))\n\n"
                "If you can no longer come, or need help to take part at the new time, reply on "
                'the website under "My meetings and events", or call us.\n\n'
                "((landlord))"
            ),
            sms="((landlord)): ((activity)) has moved to ((date)), ((time)), at ((where)).",
        ),
        Kind(
            slug="activity_minutes",
            name="Minutes of a meeting",
            purpose=Purpose.SERVICE,
            sent_when="An officer sends a meeting's minutes.",
            placeholders={
                **ACTIVITY,
                "minutes": "The minutes' text",
                "actions": "The action points, one a line (empty if none)",
            },
            subject="Minutes: ((activity)), ((date))",
            body=(
                "Dear ((name)),\n\n"
                "Here are the minutes of ((activity)) on ((date)).\n\n"
                "((minutes))\n\n"
                "((actions))\n\n"
                "((landlord))"
            ),
            sms="((landlord)): the minutes of ((activity)) on ((date)) are ready. "
            'See "My meetings and events" on our website, or call us for a copy.',
        ),
        Kind(
            slug="action_status",
            name="An action you asked for has moved on",
            purpose=Purpose.SERVICE,
            sent_when=(
                "An officer changes the status of an action: those whose views led to it and the "
                "members of the group that asked for it are told."
            ),
            placeholders={
                "action": "What will be done",
                "status": "Its status now, e.g. In progress, Done",
                "progress": "How far it has got, e.g. 60%",
                "due": "When it is due, e.g. 31 March 2027",
                "note": "What the officer wrote about the change (may be empty)",
            },
            subject="Update: ((action))",
            body=(
                "Dear ((name)),\n\n"
                "You asked us to act, and we said we would: ((action)).\n\n"
                "It is now: ((status)) (((progress)) done). It is due by ((due)).\n\n"
                "((note))\n\n"
                "((landlord))"
            ),
            sms="((landlord)): ((action)) is now ((status)), ((progress)) done.",
        ),
        Kind(
            slug="referral_response",
            name="The Board's response to your group's referral",
            purpose=Purpose.SERVICE,
            sent_when=(
                "An officer records the Board's response to a group's referral: the group's members "
                "are told."
            ),
            placeholders={
                "group": "The group's name",
                "referral": "What the group referred, in a few words",
                "to_body": "Who it was referred to, e.g. the Board",
                "decision": "Agreed, Agreed in part, Not agreed, or Noted",
                "response": "The response, with the reasons",
                "date": "The date of the response, e.g. 4 March 2027",
            },
            subject="((to_body)) has answered: ((referral))",
            body=(
                "Dear ((name)),\n\n"
                "The ((group)) asked ((to_body)) to consider: ((referral)).\n\n"
                "On ((date)) it answered: ((decision)).\n\n"
                "((response))\n\n"
                "You can read it, and follow what is being done, in your account on our website.\n\n"
                "((landlord))"
            ),
            sms="((landlord)): ((to_body)) has answered the ((group)) about ((referral)): ((decision)).",
        ),
        Kind(
            slug="activity_papers",
            name="Papers for a meeting",
            purpose=Purpose.SERVICE,
            sent_when="An officer presses 'Send the papers' on an activity.",
            placeholders={
                **ACTIVITY,
                "papers": "The papers' titles, one a line",
                "link": "Where participants download them",
            },
            subject="Papers: ((activity)), ((date))",
            body=(
                "Dear ((name)),\n\n"
                "Here are the papers for ((activity)) on ((date)), ((time)), at ((where)):\n\n"
                "((papers))\n\n"
                'Download them from our website under "My meetings and events": ((link))\n'
                "If you get letters from us, they are enclosed.\n"
                "Call us if you need them in another format.\n\n"
                "((landlord))"
            ),
            sms="((landlord)): the papers for ((activity)) on ((date)) are ready: ((link))",
        ),
        Kind(
            slug="activity_changed",
            name="A meeting or event has changed",
            purpose=Purpose.SERVICE,
            sent_when="An officer changes the time or place of an activity people were invited to.",
            placeholders={
                **ACTIVITY,
                "online": "How to join online (empty if in person)",
                "details": "Description",
            },
            subject="Changed: ((activity)), now ((date))",
            body=(
                "Dear ((name)),\n\n"
                "((activity)) has changed. The new details are:\n\n"
                "When: ((date)), ((time))\n"
                "Where: ((where))\n"
                "((online))\n\n"
                "Please let us know if you can still come.\n\n"
                "((landlord))"
            ),
            sms="((landlord)): ((activity)) has changed: now ((date)), ((time)), at ((where)).",
        ),
        Kind(
            slug="level_offered",
            name="A place on a level is offered",
            purpose=Purpose.SERVICE,
            sent_when="A place frees and the next person on the waiting list is offered it.",
            placeholders={"level": "The level's name", "reply_by": "The date to reply by"},
            subject="A place for you: ((level))",
            body=(
                "Dear ((name)),\n\n"
                "A place has come free on ((level)) and it is yours if you want it. Please say yes "
                'or no by ((reply_by)): sign in to our website and go to "My involvement", or call us.\n\n'
                "((landlord))"
            ),
            sms="((landlord)): a place on ((level)) is yours if you want it. Please reply by ((reply_by)) "
            "on our website or call us.",
        ),
        Kind(
            slug="level_refused",
            name="An application to a level is turned down",
            purpose=Purpose.SERVICE,
            sent_when="An officer decides an application with 'no'.",
            placeholders={"level": "The level's name", "reason": "The reason recorded by the officer"},
            subject="Your application: ((level))",
            body=(
                "Dear ((name)),\n\n"
                "Thank you for applying to ((level)). "
                "This time we have not been able to offer you a place.\n\n"
                "Why: ((reason))\n\n"
                "You are very welcome to take part in other ways: "
                'see "Ways to get involved" on our website.\n\n'
                "((landlord))"
            ),
            sms="((landlord)): thank you for applying to ((level)). This time we could not offer you a "
            "place. We have written to you with the reason.",
        ),
        Kind(
            slug="level_accepted",
            name="An application to a level is accepted",
            purpose=Purpose.SERVICE,
            sent_when="An officer accepts an application, or a resident accepts an offered place.",
            placeholders={"level": "The level's name"},
            subject="Welcome to ((level))",
            body=(
                "Dear ((name)),\n\n"
                "Your place on ((level)) is confirmed. Welcome. "
                "We will send you details of the next meeting.\n\n"
                "((landlord))"
            ),
            sms="((landlord)): welcome to ((level)). We will send you details of the next meeting.",
        ),
        Kind(
            slug="portal_invitation",
            name="Invitation to set up an account on the website",
            purpose=Purpose.SERVICE,
            sent_when="An officer invites a resident to the website.",
            placeholders={"link": "The one-time link to set up the account"},
            subject="Your invitation to ((landlord))'s website",
            body=(
                "Dear ((name)),\n\n"
                "You are invited to set up your account on our website. There you can check and "
                "change your details, choose how we contact you, get involved and see your meetings.\n\n"
                "Open this link to set up your account (it works once, for 28 days):\n((link))\n\n"
                "If you did not expect this, you can ignore it.\n\n"
                "((landlord))"
            ),
            sms="((landlord)): set up your account on our website with this link (it works once, "
            "for 28 days): ((link))",
        ),
        Kind(
            slug="sign_up_code",
            name="Code to create an account on the website",
            purpose=Purpose.SERVICE,
            sent_when="Someone creating an account asks for a code, sent to a detail on your record.",
            placeholders={"code": "The 6-number code", "minutes": "How many minutes it works for"},
            subject="Your code to create an account with ((landlord))",
            body=(
                "Dear ((name)),\n\n"
                "Your code to create an account on our website is ((code)). It works for ((minutes)) "
                "minutes.\n\n"
                "If you did not ask for this, someone may be trying to make an account in your name: "
                "do not give them the code, and please contact us.\n\n"
                "((landlord))"
            ),
            sms="((landlord)): your code to create an account is ((code)). It works for ((minutes)) "
            "minutes. If you did not ask for it, do not share it and contact us.",
        ),
        Kind(
            slug="account_confirm_email",
            name="Confirm the email address of a website account",
            purpose=Purpose.SERVICE,
            sent_when="An account is created, or its sign-in email address is changed.",
            placeholders={"link": "The link that confirms the address", "days": "How many days it works for"},
            subject="Confirm your email address for ((landlord))",
            body=(
                "Dear ((name)),\n\n"
                "Open this link to confirm this email address for your account on our website "
                "(it works once, for ((days)) days):\n((link))\n\n"
                "Until you do, the account cannot be used with this address. If you did not ask "
                "for this, ignore this email and contact us.\n\n"
                "((landlord))"
            ),
            sms="",
        ),
        Kind(
            slug="account_created_notice",
            name="An account was created on the website (sent to the details we hold)",
            purpose=Purpose.SERVICE,
            sent_when="An account is created for a resident, to the contact details on their record.",
            placeholders={
                "how": "How the person proved who they are",
                "email": "The account's sign-in address, partly hidden",
            },
            subject="An account has been created for you on ((landlord))'s website",
            body=(
                "Dear ((name)),\n\n"
                "An account on our website has been created for you, after ((how)). It signs in "
                "as ((email)).\n\n"
                "If this was you, there is nothing more to do. If it was not you, please contact "
                "us straight away so we can close it.\n\n"
                "((landlord))"
            ),
            sms="((landlord)): an account on our website was created for you (signs in as ((email))). "
            "If this was not you, contact us straight away.",
        ),
        Kind(
            slug="account_email_changed_notice",
            name="A website account's email address was changed (sent to the details we hold)",
            purpose=Purpose.SERVICE,
            sent_when="A resident's account signs in with a new email address.",
            placeholders={"email": "The new sign-in address, partly hidden"},
            subject="Your sign-in email address has changed",
            body=(
                "Dear ((name)),\n\n"
                "Your account on our website now signs in as ((email)).\n\n"
                "If this was you, there is nothing more to do. If it was not you, please contact "
                "us straight away.\n\n"
                "((landlord))"
            ),
            sms="((landlord)): your website account now signs in as ((email)). If this was not you, "
            "contact us straight away.",
        ),
        Kind(
            slug="password_reset",
            name="Link to choose a new password",
            purpose=Purpose.SERVICE,
            sent_when="Someone asks to reset the password of an account (resident or staff).",
            placeholders={"link": "The one-time link", "hours": "How many hours it works for"},
            subject="Choose a new password for ((landlord))'s website",
            body=(
                "Dear ((name)),\n\n"
                "Open this link to choose a new password (it works once, for ((hours)) hours):\n"
                "((link))\n\n"
                "If you did not ask for this, ignore this email: your password has not changed.\n\n"
                "((landlord))"
            ),
            sms="",
        ),
        Kind(
            slug="staff_account_created",
            name="A new staff account: choose a password",
            purpose=Purpose.SERVICE,
            sent_when="An administrator creates a staff account.",
            placeholders={
                "link": "The one-time link to choose a password",
                "days": "How many days it works for",
                "role": "The account's role",
            },
            subject="Your staff account for ((landlord))'s TenantVoice",
            body=(
                "Dear ((name)),\n\n"
                "An administrator has made you a staff account, as ((role)). Open this link to choose "
                "your password (it works once, for ((days)) days):\n((link))\n\n"
                "When you first sign in you will set up an authenticator app for the second step.\n\n"
                "((landlord))"
            ),
            sms="",
        ),
        Kind(
            slug="consultation_notice",
            name="Notice of a consultation",
            purpose=Purpose.SERVICE,
            sent_when="An officer opens a consultation: to everyone it affects (and, for a Scottish "
            "statutory consultation, to each registered tenant organisation's members).",
            placeholders={
                "consultation": "The consultation's title",
                "summary": "What is proposed, in plain words",
                "effect": "How it would affect the resident",
                "closes": "The closing date",
                "link": "The page to read it and reply",
                "for_group": "For a registered tenant organisation: a line saying so (else empty)",
            },
            subject="Have your say: ((consultation))",
            body=(
                "Dear ((name)),\n\n"
                "((for_group))\n\n"
                "We would like your views on ((consultation)).\n\n"
                "What we propose: ((summary))\n\n"
                "How it would affect you: ((effect))\n\n"
                "Please reply by ((closes)). Read it and reply here: ((link))\n"
                "Or write to us or call us.\n\n"
                "((landlord))"
            ),
            sms="((landlord)): have your say on ((consultation)) by ((closes)): ((link)) or call us.",
        ),
        Kind(
            slug="you_said_we_did",
            name="You said, we did",
            purpose=Purpose.SERVICE,
            sent_when="An officer publishes the outcome of a consultation or survey: "
            "to everyone who replied.",
            placeholders={
                "about": "The consultation or survey",
                "you_said": 'What residents said, after "You said:"',
                "decision": "What was decided or done",
                "link": "The page with the outcome",
            },
            subject="You said, we did: ((about))",
            body=(
                "Dear ((name)),\n\n"
                "Thank you for telling us what you think about ((about)).\n\n"
                "((you_said))\n\n"
                "What we decided: ((decision))\n\n"
                "More on our website: ((link))\n\n"
                "((landlord))"
            ),
            sms="((landlord)): thank you for your views on ((about)). See what we did: ((link))",
        ),
        Kind(
            slug="review_request",
            name="A document for the readers panel to review",
            purpose=Purpose.SERVICE,
            sent_when="An officer sends a document or template to the readers panel.",
            placeholders={
                "document": "The document's title",
                "question": "What the panel is asked",
                "closes": "The last day for comments",
                "link": "The page to read it and comment",
            },
            subject="Please review: ((document))",
            body=(
                "Dear ((name)),\n\n"
                "As a member of our readers panel, please read ((document)) and tell us what you think.\n\n"
                "((question))\n\n"
                "Comment by ((closes)) here: ((link))\n"
                "Or call us and we will send you a copy.\n\n"
                "((landlord))"
            ),
            sms="((landlord)): please review ((document)) by ((closes)): ((link))",
        ),
        Kind(
            slug="survey_invitation",
            name="Invitation to answer a survey",
            purpose=Purpose.SERVICE,
            sent_when="An officer opens a survey: to everyone in its audience or sample.",
            placeholders={
                "survey": "The survey's title",
                "link": "The resident's own link (no sign-in needed; it works once)",
                "closes": "The closing date (empty if none)",
            },
            subject="Your views please: ((survey))",
            body=(
                "Dear ((name)),\n\n"
                "Please tell us what you think in our survey, ((survey)). It takes a few minutes.\n\n"
                "Answer here: ((link))\n"
                "Please answer by ((closes)).\n\n"
                "You can also answer by phone: call us and we will fill it in with you.\n\n"
                "((landlord))"
            ),
            sms="((landlord)): please answer our survey, ((survey)): ((link))",
        ),
        Kind(
            slug="survey_reminder",
            name="Reminder to answer a survey",
            purpose=Purpose.SERVICE,
            sent_when="An officer sends reminders: to those invited who have not answered.",
            placeholders={
                "survey": "The survey's title",
                "link": "The resident's own link",
                "closes": "The closing date (empty if none)",
            },
            subject="Reminder: ((survey))",
            body=(
                "Dear ((name)),\n\n"
                "There is still time to answer our survey, ((survey)). Your views count.\n\n"
                "Answer here: ((link))\n"
                "Please answer by ((closes)).\n\n"
                "((landlord))"
            ),
            sms="((landlord)): there is still time to answer ((survey)): ((link))",
        ),
        Kind(
            slug="annual_report",
            name="Our annual report to residents",
            purpose=Purpose.SERVICE,
            sent_when="An officer sends the published annual report to residents who asked for "
            "letters (issue 19 item 5; decision 0057).",
            placeholders={
                "year": "The reporting year, e.g. 2025/26",
                "summary": "The report's main points, one short sentence a line",
                "link": "The report on our website",
                "easy_read_link": "The easy-read version on our website",
            },
            subject="Our annual report to residents for ((year))",
            body=(
                "Dear ((name)),\n\n"
                "This is our report on ((year)): what we did with residents, what you told us and "
                "what changed.\n\n"
                "((summary))\n\n"
                "Read the whole report: ((link))\n"
                "An easy-read version: ((easy_read_link))\n"
                "Call us if you would like a printed copy of the whole report, or to tell us what "
                "you think of it.\n\n"
                "((landlord))"
            ),
            sms="((landlord)): our annual report for ((year)) is here: ((link))",
        ),
        Kind(
            slug="report_comment_reply",
            name="A reply to a resident's comment on a report",
            purpose=Purpose.SERVICE,
            sent_when="An officer replies to a resident's comment on the annual report or the "
            "Charter report.",
            placeholders={
                "report": "The report's title",
                "comment": "What the resident wrote",
                "reply": "The officer's reply",
                "link": "The report on our website",
            },
            subject="Our reply to your comment on ((report))",
            body=(
                "Dear ((name)),\n\n"
                "Thank you for your comment on ((report)). You wrote:\n\n"
                "((comment))\n\n"
                "Our reply:\n\n"
                "((reply))\n\n"
                "The report: ((link))\n\n"
                "((landlord))"
            ),
            sms="((landlord)): we have replied to your comment on ((report)). See ((link)) or call us.",
        ),
        Kind(
            slug="news",
            name="News or announcement (campaigns start from this)",
            purpose=Purpose.NEWS,
            sent_when="An officer sends a campaign.",
            placeholders={},
            subject="News from ((landlord))",
            body="Dear ((name)),\n\n\n\n((landlord))\n\nTo stop getting news from us: ((unsubscribe_link))",
            sms="((landlord)): . Stop news: ((unsubscribe_link))",
        ),
    ]
}


def kind_get(slug: str) -> Kind:
    """The kind for ``slug``; an officer's own template (a campaign's) is news-like."""
    if slug in KINDS:
        return KINDS[slug]
    return Kind(slug=slug, name=slug, purpose=Purpose.NEWS, subject="", body="", sms="")
