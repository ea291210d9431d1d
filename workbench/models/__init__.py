"""The workbench's tables, one module per aggregate.

Importing this package registers every table on :data:`metadata`.
"""

from .account import (
    Account,
    AccountInfoRevision,
    AccountTransfer,
    ClosedName,
    ClosedSubject,
    FollowerSnapshot,
    Qualification,
    Subject,
)
from .api_client import ApiClient, ApiSignature
from .appeal import Appeal
from .audit import AuditEvent, AuditHead, AuditPending
from .base import SHANGHAI, UTCDateTime, metadata, utcnow
from .case import Case
from .change_request import ChangeRequest
from .hold import QueueHold
from .measure import CorrectionOrder, Measure
from .note import InternalNote
from .platform_message import PlatformMessage
from .presence import Presence
from .regulation import (
    FigureAuthorisation,
    PublicFigure,
    RegulatorOrder,
    RegulatorReportLog,
    RumourRecord,
)
from .reply import Reply
from .report import EvidenceAttachment, Report, Reporter, ReporterCredibility
from .reviewer import Reviewer, ReviewerRole
from .saved_filter import SavedFilter
from .screening import Finding, RuleHit
from .server_session import IdempotentRequest, ReviewerSession
from .setting import Setting
from .tag import CaseTag, Tag
from .timelimit import CalendarDay, CalendarYear, Clock, ClockExtension, ClockPause, TimeLimitPolicy

__all__ = [
    "SHANGHAI",
    "ApiClient",
    "ApiSignature",
    "Account",
    "AccountInfoRevision",
    "AccountTransfer",
    "Appeal",
    "AuditEvent",
    "AuditHead",
    "AuditPending",
    "CalendarDay",
    "CalendarYear",
    "Case",
    "ChangeRequest",
    "ClosedName",
    "ClosedSubject",
    "Clock",
    "ClockExtension",
    "ClockPause",
    "CorrectionOrder",
    "EvidenceAttachment",
    "Finding",
    "FollowerSnapshot",
    "IdempotentRequest",
    "Measure",
    "InternalNote",
    "PlatformMessage",
    "Presence",
    "CaseTag",
    "Tag",
    "FigureAuthorisation",
    "PublicFigure",
    "RegulatorOrder",
    "RegulatorReportLog",
    "RumourRecord",
    "Qualification",
    "QueueHold",
    "Reply",
    "Report",
    "Reporter",
    "ReporterCredibility",
    "Reviewer",
    "ReviewerRole",
    "ReviewerSession",
    "RuleHit",
    "SavedFilter",
    "Setting",
    "Subject",
    "TimeLimitPolicy",
    "UTCDateTime",
    "metadata",
    "utcnow",
]
