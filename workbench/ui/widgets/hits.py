"""Rule hits, each with its matched span highlighted in the text it came from."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QFrame, QLabel, QTextEdit, QVBoxLayout, QWidget

from workbench.models.views import HitView
from workbench.ui.i18n import one_language
from workbench.ui.labels import label, rule_label
from workbench.ui.widgets.plain import plain_label, rich, set_plain, shown

HIGHLIGHT = QColor("#ffd54f")
SEVERITY_COLOURS = {
    "critical": "#b71c1c",
    "high": "#d93025",
    "medium": "#e8a317",
    "low": "#5f6368",
}


def highlight_span(editor: QTextEdit, start: int, end: int, colour: QColor = HIGHLIGHT) -> None:
    """Give characters ``start..end`` of ``editor``'s text a coloured background.

    Spans index Python characters; Qt counts UTF-16 units, so characters
    outside the BMP (some emoji) are converted."""
    text = editor.toPlainText()
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))

    def utf16(n: int) -> int:
        return len(text[:n].encode("utf-16-le")) // 2

    cursor = QTextCursor(editor.document())
    cursor.setPosition(utf16(start))
    cursor.setPosition(utf16(end), QTextCursor.MoveMode.KeepAnchor)
    fmt = QTextCharFormat()
    fmt.setBackground(colour)
    fmt.setFontWeight(700)
    cursor.mergeCharFormat(fmt)


def _rule_part(hit: HitView) -> str:
    """'：冒用国家机关名称' after the category, or nothing when the rule is named by it."""
    name = rule_label(hit.rule, hit.category)
    return "" if name == label("category", hit.category) else "：" + rich(name)


class HitWidget(QFrame):
    """One hit: category, severity, field, legal basis, explanation, and the field text."""

    def __init__(self, hit: HitView, parent: QWidget | None = None):
        super().__init__(parent)
        self.hit = hit
        self.setFrameShape(QFrame.Shape.StyledPanel)
        colour = SEVERITY_COLOURS.get(hit.severity, "#5f6368")
        title = QLabel(self)
        title.setTextFormat(Qt.TextFormat.RichText)  # bold and colour; every text escaped
        title.setText(
            f"<b>{rich(label('category', hit.category))}</b>" + _rule_part(hit) + " "
            f"<span style='color:{colour}'>[{rich(label('severity', hit.severity))}]</span> · "
            + rich(self.tr("字段：%1").replace("%1", label("field", hit.field)))
            + " · "
            + rich(self.tr("依据：%1").replace("%1", hit.basis))
        )
        title.setObjectName("hitTitle")
        title.setWordWrap(True)  # the rule's name makes it long at 800 px
        self.text = QTextEdit(self)
        self.text.setObjectName("hitText")
        self.text.setReadOnly(True)
        set_plain(self.text, hit.field_text)
        self.text.setFixedHeight(54)
        if hit.end > hit.start:
            # The span indexes the stored text; shown() may have written out characters.
            text = hit.field_text or ""
            start = len(shown(text[: hit.start]))
            highlight_span(self.text, start, start + len(shown(text[hit.start : hit.end])))
        explanation = plain_label(one_language(hit.explanation or ""), self)
        explanation.setWordWrap(True)
        decision = plain_label(label("hit_decision", hit.decision) if hit.decision else "", self)
        decision.setObjectName("hitDecision")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 4, 6, 4)
        layout.addWidget(title)
        layout.addWidget(self.text)
        if hit.explanation:
            layout.addWidget(explanation)
        if hit.decision:
            layout.addWidget(decision)

    def highlighted_text(self) -> str:
        """The characters shown with the highlight background (what matched)."""
        doc = self.text.document()
        out = []
        block = doc.begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                if fragment.charFormat().background().color() == HIGHLIGHT:
                    out.append(fragment.text())
                it += 1
            block = block.next()
        return "".join(out)


class HitList(QWidget):
    """All hits of a case, strongest first."""

    def __init__(self, hits: tuple[HitView, ...], parent: QWidget | None = None):
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.items = [HitWidget(h, self) for h in hits]
        for item in self.items:
            layout.addWidget(item)
        if not hits:
            layout.addWidget(plain_label(self.tr("没有规则命中"), self))
        layout.addStretch(1)
