"""Follower history read for fake traffic (2021/12).

Growth is judged against the account's own robust baseline: the median daily
gain over the days before, and the median absolute deviation (MAD) around it.
Bought followers arrive as a gain far above both; a purge of bought
followers shows as a sudden loss of a large share.  Consecutive anomalous days
form one episode, reported once.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import median

from workbench.rules.account_policy import TrafficPolicy

SPIKE = "spike"
MASS_LOSS = "mass_loss"
# The spread used is at least 1 follower/day and 10% of the median gain: when more
# than half the days gain exactly the same, the MAD is 0 and ordinary variation
# would otherwise count as a jump.
MAD_FLOOR = 1.0
MAD_RELATIVE_FLOOR = 0.1


@dataclass(frozen=True)
class Interval:
    """The change between two snapshots (normally one day apart)."""

    start: date
    end: date
    before: int
    after: int

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    @property
    def change(self) -> int:
        return self.after - self.before

    @property
    def rate(self) -> float:
        return self.change / self.days


@dataclass(frozen=True)
class Episode:
    """Consecutive anomalous intervals of one kind.

    For a spike, ``baseline`` is the median daily gain and ``mad`` its MAD
    before the first day; ``threshold`` the daily gain that counted as a spike.
    For a mass loss, ``threshold`` is the loss that counted as mass.
    """

    kind: str
    first: date  # the first day the change can have happened on (after the last snapshot before)
    last: date
    change: int  # total change over the episode (negative for a loss)
    peak: int  # the largest single-interval change (absolute)
    peak_day: date
    before: int  # followers before the episode
    baseline: float
    mad: float
    threshold: float

    @property
    def label(self) -> str:
        if self.first == self.last:
            return self.first.isoformat()
        return f"{self.first.isoformat()}..{self.last.isoformat()}"


def intervals(history: Iterable[tuple[date, int]]) -> list[Interval]:
    """Snapshots in date order (one per day, the last kept) as intervals."""
    by_day: dict[date, int] = {}
    for day, count in history:
        by_day[day] = int(count)
    days = sorted(by_day)
    return [Interval(a, b, by_day[a], by_day[b]) for a, b in zip(days, days[1:], strict=False)]


def robust_baseline(rates: Sequence[float]) -> tuple[float, float]:
    """(median, median absolute deviation) of ``rates``."""
    centre = median(rates)
    return centre, median(abs(r - centre) for r in rates)


def _spikes(
    steps: list[Interval], policy: TrafficPolicy
) -> list[tuple[Interval, float, float, float]]:
    if not steps:
        return []
    rates = [s.rate for s in steps]
    ends = [s.end for s in steps]
    # Every window's median is at least the lowest rate of all, so a day whose
    # change beats that by less than min_spike can never be a spike: most
    # accounts need no median at all.
    lowest = min(rates)
    found = []
    lo = 0
    for i, step in enumerate(steps):
        while (ends[i] - ends[lo]).days > policy.window_days:
            lo += 1
        days = step.days
        change = step.after - step.before
        if change - lowest * days < policy.min_spike or i - lo < policy.min_baseline_days:
            continue
        centre, mad = robust_baseline(rates[lo:i])
        spread = max(mad, MAD_FLOOR, MAD_RELATIVE_FLOOR * abs(centre))
        threshold = centre + policy.mad_k * spread
        if rates[i] > threshold and change - centre * days >= policy.min_spike:
            found.append((step, centre, mad, threshold))
    return found


def _losses(
    steps: list[Interval], policy: TrafficPolicy
) -> list[tuple[Interval, float, float, float]]:
    found = []
    for step in steps:
        loss = -step.change
        threshold = max(policy.loss_fraction * step.before, policy.min_loss)
        if loss > 0 and loss >= threshold:
            found.append((step, 0.0, 0.0, threshold))
    return found


def _episodes(kind: str, found, steps: list[Interval]) -> list[Episode]:
    index = {s.end: i for i, s in enumerate(steps)}
    episodes: list[Episode] = []
    run: list = []
    for item in found:
        if run and index[item[0].end] != index[run[-1][0].end] + 1:
            episodes.append(_close(kind, run))
            run = []
        run.append(item)
    if run:
        episodes.append(_close(kind, run))
    return episodes


def _close(kind: str, run: list) -> Episode:
    first_step, centre, mad, threshold = run[0]
    peak_step = max((item[0] for item in run), key=lambda s: abs(s.change))
    return Episode(
        kind=kind,
        first=first_step.start + timedelta(days=1),
        last=run[-1][0].end,
        change=sum(item[0].change for item in run),
        peak=abs(peak_step.change),
        peak_day=peak_step.end,
        before=first_step.before,
        baseline=centre,
        mad=mad,
        threshold=threshold,
    )


def find_episodes(history: Iterable[tuple[date, int]], policy: TrafficPolicy) -> list[Episode]:
    """Spike and mass-loss episodes in ``history``, in date order."""
    steps = intervals(history)
    episodes = _episodes(SPIKE, _spikes(steps, policy), steps)
    episodes += _episodes(MASS_LOSS, _losses(steps, policy), steps)
    return sorted(episodes, key=lambda e: (e.first, e.kind))
