"""Each seed's action plan loads from its strategy file as actions in the tracker, traced to the
seed (decision 0022, 0043); loading again updates what nobody has changed and keeps progress."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from tenantvoice.actions.models import Action, ActionStatus
from tenantvoice.actions.services import action_change, action_progress
from tenantvoice.actions.sources import source_label
from tenantvoice.plans.models import ActionPlan, PlanItem, PlanItemKind, ReviewCycle, StrategyReview
from tenantvoice.strategies import loader
from tenantvoice.strategies.loader import StrategyError, strategy_load

pytestmark = pytest.mark.django_db


def _plan(slug: str) -> ActionPlan:
    return ActionPlan.objects.get(slug=slug)


def test_housing_for_womens_twelve_actions_load_with_owner_date_status_and_source() -> None:
    strategy_load("housing-for-women")
    plan = _plan("housing-for-women-engagement-action-plan")
    actions = {a.plan_item.key: a for a in plan.actions.select_related("plan_item")}
    assert len(actions) == 12
    first, third, eighth, eleventh = actions["1"], actions["3"], actions["8"], actions["11"]
    assert first.status == ActionStatus.DONE and first.progress == 100
    assert first.evidence == "Marked complete in the strategy (section 9)"
    assert first.owner_name == "Director of Operations"
    assert third.due_on == dt.date(2017, 12, 31) and third.status == ActionStatus.NOT_STARTED
    assert eighth.owner_name == "Communications Officer / IT Business Partner"
    assert eighth.due_on is None and eighth.due_note == "TBC"
    assert eleventh.due_note == "From 01/04/18"
    assert third.source_section == "9"
    assert third.source_quote.startswith("Invite applications to become members")
    assert source_label(third) == "Strategy action plan"
    assert all(a.plan_item.sources["title"]["quote"] for a in actions.values())


def test_winchesters_priorities_load_with_their_milestones_as_sub_actions() -> None:
    strategy_load("winchester")
    plan = _plan("winchester-tenant-engagement-action-plan")
    priorities = list(plan.actions.filter(parent__isnull=True).order_by("plan_item__order"))
    assert len(priorities) == 5
    representative = priorities[0]
    assert (
        representative.plan_item.measure
        == "Involved tenant profile reported through Tenant Panel Annual Report"
    )
    milestones = {c.plan_item.key: c for c in representative.children.select_related("plan_item")}
    assert set(milestones) == {
        "representative/tenantlink",
        "representative/social-media",
        "representative/reward-scheme",
    }
    reward = milestones["representative/reward-scheme"]
    assert reward.due_on == dt.date(2018, 4, 30)  # "Apr 2018": the month's last day
    assert reward.owner_name == "Part time (PT) Tenant Engagement Officer (tbd)"
    assert milestones["representative/tenantlink"].due_note == "Apr 2018 – March 2019"
    assert reward.plan_id == plan.pk  # a sub-action shares its parent's source
    # The governance priority's dates are not matched to milestones in the table: none is given.
    governance = plan.actions.get(plan_item__key="governance")
    assert all(not c.owner_name and c.due_on is None for c in governance.children.all())
    assert "without saying which milestone" in governance.detail


def test_tower_hamlets_homes_commitments_load_as_commitments_with_no_owner_or_date() -> None:
    strategy_load("tower-hamlets-homes")
    plan = _plan("thh-resident-engagement-agreement-commitments")
    items = PlanItem.objects.filter(plan=plan).select_related("action")
    assert items.count() == 21
    assert {i.kind for i in items} == {PlanItemKind.COMMITMENT}
    assert all(not i.action.owner_name and i.action.due_on is None for i in items)
    assert items.get(key="service-charge-review").action.title.startswith(
        "Service Charge Review: Leaseholders"
    )


def test_thenue_has_no_published_plan_and_its_objectives_load_as_objectives() -> None:
    strategy_load("thenue")
    plan = _plan("thenue-customer-engagement-action-plan")
    assert not plan.published
    assert "to be prepared once the strategy was approved" in plan.note
    assert plan.sources["published"]["quote"] == "*Action plan to be prepared once strategy is approved."
    items = PlanItem.objects.filter(plan=plan).select_related("action")
    assert [i.kind for i in items] == [PlanItemKind.OBJECTIVE] * 5
    assert all(not i.action.owner_name and i.action.due_on is None and not i.action.due_note for i in items)


def test_southway_publishes_no_plan_so_none_is_loaded_and_the_reason_is_kept() -> None:
    strategy_load("southway")
    plan = _plan("southway-customer-involvement-action-plan")
    assert not plan.published and not plan.actions.exists()
    assert plan.sources["published"] == {"section": "6.1", "quote": "4. Developing an action plan"}


def test_loading_again_changes_nothing() -> None:
    strategy_load("winchester")
    before = list(Action.objects.order_by("pk").values_list("pk", "title", "owner_name", "due_on", "status"))
    strategy_load("winchester")
    after = list(Action.objects.order_by("pk").values_list("pk", "title", "owner_name", "due_on", "status"))
    assert before == after
    assert ReviewCycle.objects.count() == 0 and ActionPlan.objects.count() == 1


def test_loading_again_keeps_recorded_progress_and_an_officers_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    strategy_load("housing-for-women")
    third = Action.objects.get(plan_item__key="3")
    fourth = Action.objects.get(plan_item__key="4")
    action_progress(action=third, status=ActionStatus.IN_PROGRESS, progress=40, note="Advert out")
    action_change(action=fourth, owner_name="Head of Housing and Income")
    # The landlord's file changes both rows and a third.
    text = (Path(loader.__file__).parent / "data" / "housing-for-women.toml").read_text(encoding="utf-8")
    text = text.replace("due = 2017-12-31\n", "due = 2018-01-15\n", 1)
    text = text.replace(
        'owner = "Director of Operations"\ndue = 2018-01-31', 'owner = "Chief Executive"\ndue = 2018-02-28', 1
    )
    text = text.replace('title = "Develop and deliver a training programme for Level 4 members"',
                        'title = "Develop and deliver training for Level 4 members"')  # fmt: skip
    (tmp_path / "housing-for-women.toml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(loader, "_data_dir", lambda: tmp_path)
    strategy_load("housing-for-women")
    third.refresh_from_db()
    fourth.refresh_from_db()
    assert (third.status, third.progress) == (ActionStatus.IN_PROGRESS, 40)  # progress kept
    assert third.due_on == dt.date(2018, 1, 15)  # nobody changed the date: the file's new one
    assert fourth.owner_name == "Head of Housing and Income"  # the officer's owner stays
    assert fourth.due_on == dt.date(2018, 2, 28)
    assert Action.objects.get(plan_item__key="6").title == "Develop and deliver training for Level 4 members"
    assert Action.objects.filter(plan__isnull=False).count() == 12


GOOD = """
[strategy]
title = "Test"
[landlord]
nation = "england-and-wales"
[action_plan]
slug = "test-plan"
title = "Action Plan"
[action_plan.sources]
title = { section = "9", quote = "Action Plan" }
[[action_plan.items]]
key = "1"
title = "Hold the first meeting"
owner = "Director"
due = 2018-01-31
[action_plan.items.sources]
title = { section = "9", quote = "Hold the first meeting" }
owner = { section = "9", quote = "Director" }
due = { section = "9", quote = "31/01/18" }
[[reviews]]
slug = "review"
what = "The plan"
months = 6
[reviews.sources]
what = { section = "4", quote = "review the plan" }
months = { section = "4", quote = "twice a year" }
"""


def test_a_well_sourced_plan_loads(strategy_file: Any) -> None:
    strategy_load(strategy_file(GOOD))
    action = Action.objects.get()
    assert (action.title, action.owner_name, action.due_on) == (
        "Hold the first meeting",
        "Director",
        dt.date(2018, 1, 31),
    )
    assert StrategyReview.objects.get().cycle.months == 6


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ('title = { section = "9", quote = "Hold the first meeting" }\n', ""),
            r"test-landlord.toml: action plan item '1' field 'title': no source",
        ),
        (
            ('owner = { section = "9", quote = "Director" }\n', ""),
            r"action plan item '1' field 'owner': no source",
        ),
        (
            ('due = { section = "9", quote = "31/01/18" }\n', ""),
            r"action plan item '1' field 'due': no source",
        ),
        (
            ("due = 2018-01-31\n", 'due = "31 January"\n'),
            r"action plan item '1' field 'due': a date",
        ),
        (
            ("due = 2018-01-31\n", 'due = 2018-01-31\nchosen = { status = "late" }\n'),
            r"action plan item '1' field 'status': 'late' is not one of complete",
        ),
        (
            ('key = "1"\n', ""),
            r"action plan item 'None' field 'key': each item needs its own key",
        ),
        (
            ('months = { section = "4", quote = "twice a year" }\n', ""),
            r"review 'review' field 'months': no source",
        ),
        (
            ('title = "Action Plan"\n', 'title = "Action Plan"\npublished = false\n'),
            r"\[action_plan\] field 'published': no source",
        ),
    ],
)
def test_a_plan_item_or_review_without_its_source_is_refused(
    strategy_file: Any, change: tuple[str, str], message: str
) -> None:
    old, new = change
    assert old in GOOD
    with pytest.raises(StrategyError, match=message):
        strategy_load(strategy_file(GOOD.replace(old, new, 1)))
    assert not Action.objects.exists()  # nothing half-loaded


def test_a_plan_not_published_may_hold_only_objectives(strategy_file: Any) -> None:
    text = GOOD.replace(
        'title = "Action Plan"\n',
        'title = "Action Plan"\npublished = false\nnote = "Not published."\n',
        1,
    ).replace(
        'title = { section = "9", quote = "Action Plan" }',
        'title = { section = "9", quote = "Action Plan" }\n'
        'published = { section = "11", quote = "to be prepared" }',
    )
    with pytest.raises(StrategyError, match="its items can only be the objectives"):
        strategy_load(strategy_file(text))


def test_the_demo_landlords_strategy_has_a_loaded_plan() -> None:
    from tenantvoice.demo.landlord import DEMO_STRATEGY

    strategy_load(DEMO_STRATEGY)
    assert Action.objects.filter(plan__published=True).count() >= 10
