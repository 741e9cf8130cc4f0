"""The replay window: how old, by its own time, an event-bound body may be and still be told from
a replay, and the margins that window is built from (GitHub's redelivery days, the clock skew).

GitHub signs a body, not a time, so a captured signed body stays valid for ever; the store
refuses a body it has a digest of, and the window says how long digests must be kept
(``DeliveryStore.purge``) for that to hold, and past which a body is refused as stale
(``DeliveryStore.is_stale``). Pure: no database, no clock.
"""

from __future__ import annotations

from datetime import timedelta

GITHUB_REDELIVERY = timedelta(days=3)  # how long GitHub lets a person redeliver a delivery
# How far GitHub's clock (which stamps a body's own times) and the clock our times are on may
# disagree, plus how long GitHub may take to send an event after stamping it. NTP keeps real
# clocks within a second; an hour leaves room for a GitHub incident's delayed deliveries.
CLOCK_SKEW = timedelta(hours=1)


def replay_window(retention_days: float) -> timedelta:
    """How old, by its own time, an event-bound body (one with a digest) may be and still be told
    from a replay: ``max(retention, GITHUB_REDELIVERY + CLOCK_SKEW)``. ``DeliveryStore.is_stale``
    refuses anything older; ``DeliveryStore.purge`` keeps a digest ``CLOCK_SKEW`` longer than
    this. Both read this one function, so they cannot drift apart.

    Why that closes the replay hole (GitHub signs no timestamp, so a captured signed body stays
    valid for ever). Let W = replay_window(retention), M = CLOCK_SKEW, and t the time (our clock)
    a body B arrives. B is not stale, so B's own time b >= t - W. If B was stored before as row R:
    R.received_at >= b - M (GitHub stamped b before sending it, its clock at most M ahead of
    ours) and R.finished_at >= R.received_at (a row not finished is never purged; a retried one
    gets a later finished_at). A purge at t_p <= t deleted R only if R.finished_at < t_p - W - M
    <= t - W - M <= b - M <= R.received_at <= R.finished_at: impossible. So R, and its digest,
    are still there and B is refused as a replay. Whatever is older than W is refused as stale.
    (This takes one retention on every replica and over time: rows a shorter one purged do not
    come back when it is raised, so for one new window bodies between the two get through.)

    Why nothing legitimate is lost. GitHub redelivers a delivery at most 3 days after it first
    sent it, and it first sent it at most M after b (its delay and the clocks' disagreement
    together): a redelivery of an event that never reached us has b >= t - 3 days - M >= t - W,
    so it is not stale, whatever the retention. Digest-less rows (e.g. a check run's) keep the
    plain retention: their bodies are never refused as stale."""
    return max(timedelta(days=retention_days), GITHUB_REDELIVERY + CLOCK_SKEW)
