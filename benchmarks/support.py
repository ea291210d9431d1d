"""What several benchmarks share: a bare account row for multi-row inserts."""

from __future__ import annotations

from datetime import datetime


def bare_account(platform_id: str, name: str, at: datetime) -> dict:
    """An individual, unverified, active account with nothing else filled in."""
    return {
        "platform_id": platform_id,
        "kind": "individual",
        "name": name,
        "bio": "",
        "signature": "",
        "certification": "",
        "verification_method": "none",
        "verification_status": "unverified",
        "publishes": True,
        "grade": "general",
        "credit_score": 100,
        "status": "active",
        "restrictions": [],
        "follower_count": 0,
        "registered_at": at,
        "updated_at": at,
    }
