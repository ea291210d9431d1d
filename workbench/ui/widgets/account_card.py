"""The account card: account information, identity, qualifications,
public-account fields, credit, status and measures, history, other accounts.

Personal data shows masked; with ``can_reveal`` each masked value has a
"显示" button that emits ``reveal_requested`` and the pane, having asked for a
reason and called the service, puts the value in with ``show_revealed``."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.models.codes import CREDIT_GRADE_LABELS, CreditGrade
from workbench.models.views import AccountCard
from workbench.operations.cases import FUNCTIONS
from workbench.ui.i18n import pick
from workbench.ui.labels import label, local_time
from workbench.ui.widgets.images import Thumbnail
from workbench.ui.widgets.personal import RevealButton
from workbench.ui.widgets.plain import plain_label, set_plain, shown

AVATAR = QSize(72, 72)
COVER = QSize(220, 72)


def _value(text: str | None) -> QLabel:
    widget = plain_label(text if text not in (None, "") else "—")
    widget.setWordWrap(True)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return widget


class AccountCardWidget(QWidget):
    """Shows one :class:`AccountCard`.  ``account_clicked(id)`` for another account of the subject;
    ``reveal_requested(entity, id, field, what)`` for a masked value's "显示" button."""

    account_clicked = Signal(int)
    reveal_requested = Signal(str, int, str, str)

    def __init__(
        self, card: AccountCard, parent: QWidget | None = None, *, can_reveal: bool = False
    ):
        super().__init__(parent)
        self.card = card
        self.values: dict[str, QLabel] = {}
        self.reveal_buttons: dict[str, RevealButton] = {}
        self._personal = dict(card.personal) if can_reveal else {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self._pictures())
        for box in (
            self._account_section(),
            self._identity_section(),
            self._qualification_section(),
            self._public_section(),
            self._credit_section(),
            self._history(),
            self._others(),
            self._linked(),
        ):
            if box is not None:
                layout.addWidget(box)
        layout.addStretch(1)

    def _pictures(self) -> QHBoxLayout:
        card, pictures = self.card, QHBoxLayout()
        self.avatar = Thumbnail(card.avatar_path, AVATAR, self)
        self.avatar.setObjectName("avatar")
        self.cover = Thumbnail(card.cover_path, COVER, self)
        self.cover.setObjectName("cover")
        pictures.addWidget(self.avatar)
        pictures.addWidget(self.cover)
        pictures.addStretch(1)
        return pictures

    def _account_section(self) -> QGroupBox:
        card = self.card
        return self._section(
            self.tr("账号信息"),
            [
                ("name", self.tr("名称"), card.name),
                ("platform_id", self.tr("账号ID"), card.platform_id),
                ("kind", self.tr("类型"), label("account_kind", card.kind)),
                ("bio", self.tr("简介"), card.bio),
                ("signature", self.tr("签名"), card.signature),
                ("certification", self.tr("认证信息"), card.certification),
                ("ip_location", self.tr("IP属地"), card.ip_location),
            ],
        )

    def _identity_section(self) -> QGroupBox:
        card = self.card
        return self._section(
            self.tr("真实身份"),
            [
                (
                    "verification_method",
                    self.tr("认证方式"),
                    label("verification", card.verification_method),
                ),
                (
                    "verification_status",
                    self.tr("认证状态"),
                    label("verification", card.verification_status),
                ),
                ("subject_name", self.tr("主体"), card.subject_name),
                ("id_number", self.tr("身份证号码"), card.id_number),
                ("credit_code", self.tr("统一社会信用代码"), card.credit_code),
                ("phone", self.tr("手机号码"), card.phone),
                ("claimed_profession", self.tr("自称职业"), card.claimed_profession),
                ("verified_profession", self.tr("核验职业"), card.verified_profession),
                ("verified_org_name", self.tr("登记机构名称"), card.verified_org_name),
                ("org_nature", self.tr("机构性质"), card.org_nature),
                ("org_industry", self.tr("所属行业"), card.org_industry),
                ("org_business_scope", self.tr("经营范围"), card.org_business_scope),
            ],
        )

    def _qualification_section(self) -> QGroupBox:
        mark, until = self.tr("专门标识"), self.tr("有效期至")
        quals = "\n".join(
            f"{label('qualification', q.field)}: {q.licence_no or '—'}"
            + (f" · {mark} {q.special_mark}" if q.special_mark else "")
            + (f" · {until} {q.valid_until}" if q.valid_until else "")
            for q in self.card.qualifications
        )
        return self._section(
            self.tr("资质与标识"), [("qualifications", self.tr("资质"), quals or self.tr("无"))]
        )

    def _public_section(self) -> QGroupBox | None:
        card = self.card
        if card.kind != "public" and not card.operator_name:
            return None
        return self._section(
            self.tr("公众账号信息"),
            [
                ("operator_name", self.tr("运营主体"), card.operator_name),
                ("registered_address", self.tr("注册地"), card.registered_address),
                ("operating_address", self.tr("运营地"), card.operating_address),
                ("content_category", self.tr("内容生产类别"), card.content_category),
                ("contact", self.tr("联系方式"), card.contact),
            ],
        )

    def _credit_section(self) -> QGroupBox:
        card, to = self.card, self.tr("至")
        measures = "\n".join(
            f"{label('measure', m.code)} ({m.basis})"
            + (f" {to} {local_time(m.effective_until)}" if m.effective_until else "")
            for m in card.measures_in_force
        )
        # Restricted functions by name, not by code (info_update -> 信息更新).
        restrictions = pick(("、", ", ")).join(
            pick(FUNCTIONS[f]) if f in FUNCTIONS else f for f in card.restrictions
        )
        grade = CreditGrade(card.credit_grade)
        credit_grade = f"{grade.value} · {pick(CREDIT_GRADE_LABELS[grade])}"  # 2022/18
        return self._section(
            self.tr("信用与状态"),
            [
                ("credit_score", self.tr("信用分"), str(card.credit_score)),
                ("credit_grade", self.tr("信用等级"), credit_grade),
                ("grade", self.tr("分级"), label("grade", card.grade)),
                ("status", self.tr("账号状态"), label("account_status", card.status)),
                ("restrictions", self.tr("受限功能"), restrictions),
                ("measures", self.tr("生效中的处置"), measures or self.tr("无")),
                ("followers", self.tr("粉丝数"), f"{card.follower_count:,}"),
                ("registered_at", self.tr("注册时间"), local_time(card.registered_at)),
                ("last_active_at", self.tr("最近活跃"), local_time(card.last_active_at)),
            ],
        )

    def _section(self, title: str, rows: list[tuple[str, str, str | None]]) -> QGroupBox:
        box = QGroupBox(title, self)
        form = QFormLayout(box)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for key, caption, text in rows:
            value = _value(text)
            value.setObjectName(f"card_{key}")
            self.values[key] = value
            ref = self._personal.get(key)
            if ref is None:
                form.addRow(caption, value)
                continue
            what = self.tr("账号「%1」的%2").replace("%1", self.card.name).replace("%2", caption)
            button = RevealButton(ref, what, box)
            button.reveal_requested.connect(self.reveal_requested)
            self.reveal_buttons[key] = button
            row = QHBoxLayout()
            row.addWidget(value, 1)
            row.addWidget(button)
            form.addRow(caption, row)
        return box

    def show_revealed(self, entity: str, entity_id: int, field: str, value: str) -> bool:
        """Put a revealed value in place of its mask; whether this card shows that field."""
        shown = False
        for key, button in self.reveal_buttons.items():
            if button.matches(entity, entity_id, field):
                set_plain(self.values[key], value or "—")
                button.hide()
                shown = True
        return shown

    def _history(self) -> QGroupBox:
        box = QGroupBox(self.tr("信息变更记录"), self)
        table = QTableWidget(len(self.card.revisions), 4, box)
        table.setObjectName("revisionTable")
        table.setHorizontalHeaderLabels(
            [self.tr("时间"), self.tr("字段"), self.tr("原值"), self.tr("新值")]
        )
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        for row, rev in enumerate(self.card.revisions):
            cells = (
                local_time(rev.changed_at),
                label("field", rev.field),
                rev.old_value,
                rev.new_value,
            )
            for column, text in enumerate(cells):
                table.setItem(row, column, QTableWidgetItem(shown(text)))
        table.horizontalHeader().setStretchLastSection(True)
        table.setMaximumHeight(160)
        layout = QVBoxLayout(box)
        layout.addWidget(table)
        self.revision_table = table
        return box

    def _others(self) -> QGroupBox:
        box = QGroupBox(self.tr("同一主体的其他账号"), self)
        self.other_list = QListWidget(box)
        self.other_list.setObjectName("otherAccounts")
        for other in self.card.other_accounts:
            item = QListWidgetItem(
                shown(
                    f"{other.name} ({other.platform_id}) · {label('account_status', other.status)}"
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, other.id)
            self.other_list.addItem(item)
        if not self.card.other_accounts:
            self.other_list.addItem(self.tr("无"))
        self.other_list.setMaximumHeight(100)
        self.other_list.itemActivated.connect(self._other_activated)
        layout = QVBoxLayout(box)
        layout.addWidget(self.other_list)
        return box

    def _linked(self) -> QGroupBox:
        """Accounts linked by a contact, a near-duplicate avatar or a subject (names masked)."""
        reasons = {
            "contact": self.tr("同一联系方式"),
            "avatar": self.tr("相似头像"),
            "subject": self.tr("同一主体"),
        }
        box = QGroupBox(self.tr("关联账号"), self)
        self.linked_list = QListWidget(box)
        self.linked_list.setObjectName("linkedAccounts")
        for linked in self.card.linked_accounts:
            why = " + ".join(reasons.get(r, r) for r in linked.reasons)
            item = QListWidgetItem(
                shown(
                    f"{linked.masked_name} ({linked.platform_id}) · {why} · "
                    f"{label('account_status', linked.status)}"
                )
            )
            item.setData(Qt.ItemDataRole.UserRole, linked.id)
            self.linked_list.addItem(item)
        if not self.card.linked_accounts:
            self.linked_list.addItem(self.tr("无"))
        self.linked_list.setMaximumHeight(100)
        self.linked_list.itemActivated.connect(self._other_activated)
        layout = QVBoxLayout(box)
        layout.addWidget(self.linked_list)
        return box

    def _other_activated(self, item: QListWidgetItem) -> None:
        account_id = item.data(Qt.ItemDataRole.UserRole)
        if account_id is not None:
            self.account_clicked.emit(int(account_id))
