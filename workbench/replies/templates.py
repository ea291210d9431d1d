"""Reply templates and their sandboxed renderer.

Templates are data: one TOML file per template in ``workbench/resources/templates/``
holding a subject and a body per language (``zh_CN``, ``en``) and the list of
placeholders the template may use (the format is described in
``workbench/resources/templates/README.md``).

The renderer is deliberately small.  A placeholder is ``{name}`` where
``name`` is a lowercase identifier; ``{{`` and ``}}`` are literal braces.
There is no attribute access, no indexing, no conversion or format
specification, no expressions and no inclusion of other files: ``{x.__class__}``,
``{x[0]}``, ``{x!r}`` and ``{x:>9}`` are refused as malformed.  Context values
must be plain strings, integers, decimals, dates or aware datetimes; anything
else is refused, so an object can never reveal more than the reviewer sees.
Control characters are removed from what is substituted and the subject is
kept on one line, so a value cannot forge e-mail headers.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from workbench.errors import ValidationError
from workbench.models.base import SHANGHAI
from workbench.resources import Traversable, resource
from workbench.text import clean_text, one_line

LANGUAGES = ("zh_CN", "en")
TEMPLATES_DIR = resource("templates")  # the shipped templates (package data, read-only)
NAME_RE = re.compile(r"[a-z][a-z0-9_]{0,63}")
PLACEHOLDER_RE = re.compile(r"[a-z_][a-z0-9_]{0,63}")
MAX_VALUE_CHARS = 20_000
MAX_TEXT_CHARS = 200_000


class TemplateError(ValidationError):
    """A template is missing, malformed, or asks for something not in its context."""

    def __init__(self, zh: str, en: str, *, template: str = "", placeholder: str | None = None):
        super().__init__(zh, en)
        self.template = template
        self.placeholder = placeholder


@dataclass(frozen=True)
class Template:
    """One template in one language."""

    name: str
    language: str
    subject: str
    body: str
    placeholders: frozenset[str]
    recipient: str
    description: str


def format_value(template: str, key: str, value: object) -> str:
    """The text a context value stands for; only plain data types are accepted."""
    if isinstance(value, bool) or value is None:
        kind = type(value).__name__
    elif isinstance(value, str):
        text = str.__str__(value)  # the characters themselves, whatever the subclass says
        if len(text) > MAX_VALUE_CHARS:
            raise TemplateError(
                f"模板 {template} 的占位符 {key} 的值过长（{len(text)} 字）",
                f"template {template}: value of {{{key}}} is too long ({len(text)} characters, "
                f"at most {MAX_VALUE_CHARS})",
                template=template,
                placeholder=key,
            )
        return clean_text(text)
    elif isinstance(value, int):
        return int.__repr__(value)
    elif isinstance(value, float):
        return float.__repr__(value)
    elif isinstance(value, Decimal):
        return Decimal.__format__(value, "f")
    elif isinstance(value, datetime):
        if value.tzinfo is None:
            raise TemplateError(
                f"模板 {template} 的占位符 {key} 的时间缺少时区",
                f"template {template}: {{{key}}} is a naive datetime",
                template=template,
                placeholder=key,
            )
        return datetime.astimezone(value, SHANGHAI).strftime("%Y-%m-%d %H:%M UTC+8")
    elif isinstance(value, date):
        return date.isoformat(value)
    else:
        kind = type(value).__name__
    raise TemplateError(
        f"模板 {template} 的占位符 {key} 的值类型不允许（{kind}）",
        f"template {template}: {{{key}}} must be text, a number or a date, not {kind}",
        template=template,
        placeholder=key,
    )


def _malformed(template: str, text: str, pos: int, what_zh: str, what_en: str) -> TemplateError:
    snippet = one_line(text[max(0, pos - 10) : pos + 20], 40)
    return TemplateError(
        f"模板 {template} 格式错误：{what_zh}（位置 {pos}：{snippet}）",
        f"template {template} is malformed: {what_en} (at {pos}: {snippet!r}); "
        "write {{ and }} for literal braces",
        template=template,
    )


def parse(text: str, *, template: str = "(text)") -> list[tuple[bool, str]]:
    """``text`` as pieces ``(is_placeholder, literal-or-name)``, or a TemplateError."""
    if not isinstance(text, str):
        raise TemplateError(
            f"模板 {template} 不是文本", f"template {template} is not text", template=template
        )
    if len(text) > MAX_TEXT_CHARS:
        raise TemplateError(
            f"模板 {template} 过长", f"template {template} is too long", template=template
        )
    pieces: list[tuple[bool, str]] = []
    literal: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "{":
            if text.startswith("{{", i):
                literal.append("{")
                i += 2
                continue
            end = text.find("}", i + 1)
            if end < 0:
                raise _malformed(template, text, i, "“{” 未闭合", "unclosed '{'")
            name = text[i + 1 : end]
            if not PLACEHOLDER_RE.fullmatch(name):
                raise _malformed(
                    template,
                    text,
                    i,
                    "占位符只能是小写名称，如 {case_id}",
                    f"a placeholder is a lowercase name like {{case_id}}, not {{{one_line(name, 40)}}}",
                )
            if literal:
                pieces.append((False, "".join(literal)))
                literal = []
            pieces.append((True, name))
            i = end + 1
        elif ch == "}":
            if text.startswith("}}", i):
                literal.append("}")
                i += 2
                continue
            raise _malformed(template, text, i, "多余的“}”", "stray '}'")
        else:
            nxt = min((p for p in (text.find("{", i), text.find("}", i)) if p >= 0), default=n)
            literal.append(text[i:nxt])
            i = nxt
    if literal:
        pieces.append((False, "".join(literal)))
    return pieces


def placeholders_in(text: str, *, template: str = "(text)") -> set[str]:
    """The placeholder names ``text`` uses."""
    return {value for is_name, value in parse(text, template=template) if is_name}


def render_text(
    text: str,
    context: Mapping[str, object],
    *,
    template: str = "(text)",
    allowed: frozenset[str] | set[str] | None = None,
) -> str:
    """``text`` with each ``{name}`` replaced by ``context[name]``.

    ``allowed`` limits the names a template may use (its declared list); a name
    outside it, or missing from ``context``, is a TemplateError naming both.
    """
    out: list[str] = []
    for is_name, value in parse(text, template=template):
        if not is_name:
            out.append(clean_text(value))
            continue
        if allowed is not None and value not in allowed:
            raise TemplateError(
                f"模板 {template} 使用了未声明的占位符 {{{value}}}",
                f"template {template} uses the undeclared placeholder {{{value}}}; "
                f"it may use: {', '.join(sorted(allowed)) or '(none)'}",
                template=template,
                placeholder=value,
            )
        if value not in context:
            raise TemplateError(
                f"模板 {template} 的占位符 {{{value}}} 没有取值",
                f"template {template}: no value for the placeholder {{{value}}}",
                template=template,
                placeholder=value,
            )
        out.append(format_value(template, value, context[value]))
    return "".join(out)


@lru_cache(maxsize=256)
def _parse_toml(text: str) -> dict:
    """A template file's text parsed once while it is unchanged."""
    return tomllib.loads(text)


class TemplateLibrary:
    """The reply templates in one folder (by default the shipped ``templates``)."""

    def __init__(self, directory: Path | str | Traversable | None = None):
        if directory is None:
            self.directory = TEMPLATES_DIR
        else:
            self.directory = Path(directory) if isinstance(directory, str) else directory

    def names(self) -> list[str]:
        if not self.directory.is_dir():
            return []
        files = [p.name for p in self.directory.iterdir() if p.name.endswith(".toml")]
        return sorted(s for s in (f.removesuffix(".toml") for f in files) if NAME_RE.fullmatch(s))

    def _read(self, name: str) -> dict:
        if not isinstance(name, str) or not NAME_RE.fullmatch(name):
            raise TemplateError(
                f"模板名称无效：{one_line(str(name), 60)}",
                f"invalid template name {one_line(str(name), 60)!r}: lowercase letters, digits, _",
                template=one_line(str(name), 60),
            )
        path = self.directory / f"{name}.toml"
        if not path.is_file():
            raise TemplateError(
                f"模板 {name} 不存在",
                f"no template named {name} in {self.directory}",
                template=name,
            )
        try:
            return _parse_toml(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise TemplateError(
                f"模板 {name} 文件无法读取：{exc}",
                f"template file {path} cannot be read: {exc}",
                template=name,
            ) from exc

    def get(self, name: str, language: str) -> Template:
        """The template ``name`` in ``language``, checked against its declared placeholders."""
        if language not in LANGUAGES:
            raise TemplateError(
                f"不支持的语言 {one_line(str(language), 20)}",
                f"unsupported language {one_line(str(language), 20)!r}; use zh_CN or en",
                template=name,
            )
        data = self._read(name)
        section = data.get(language)
        declared = data.get("placeholders", [])
        if (
            not isinstance(section, dict)
            or not isinstance(section.get("subject"), str)
            or not isinstance(section.get("body"), str)
            or not isinstance(declared, list)
            or not all(isinstance(p, str) and PLACEHOLDER_RE.fullmatch(p) for p in declared)
        ):
            raise TemplateError(
                f"模板 {name} 缺少 {language} 的 subject/body 或占位符列表无效",
                f"template {name} lacks [{language}] subject and body, or its placeholders "
                "list is invalid",
                template=name,
            )
        tpl = Template(
            name=name,
            language=language,
            subject=section["subject"],
            body=section["body"],
            placeholders=frozenset(declared),
            recipient=str(data.get("recipient", "")),
            description=str(data.get("description", "")),
        )
        for part in (tpl.subject, tpl.body):
            undeclared = placeholders_in(part, template=name) - tpl.placeholders
            if undeclared:
                key = sorted(undeclared)[0]
                raise TemplateError(
                    f"模板 {name} 使用了未声明的占位符 {{{key}}}",
                    f"template {name} uses the undeclared placeholder {{{key}}}",
                    template=name,
                    placeholder=key,
                )
        return tpl

    def render(self, name: str, language: str, context: Mapping[str, object]) -> tuple[str, str]:
        """``(subject, body)`` of template ``name`` filled from ``context``."""
        tpl = self.get(name, language)
        label = f"{name}/{language}"
        subject = render_text(tpl.subject, context, template=label, allowed=tpl.placeholders)
        body = render_text(tpl.body, context, template=label, allowed=tpl.placeholders)
        return one_line(subject), body


def render_template(
    name: str,
    language: str,
    context: Mapping[str, object],
    *,
    directory: Path | str | Traversable | None = None,
) -> tuple[str, str]:
    """``(subject, body)`` of the template ``name`` in ``language`` filled from ``context``."""
    return TemplateLibrary(directory).render(name, language, context)
