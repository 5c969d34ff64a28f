"""Form widgets drawn in Python, byte for byte as Django's own widget templates draw them.

Django renders every widget, and every ``<option>`` of a select, through the template engine: a
select of forty options is forty-one template renders. On the desk's inbox and complaint pages
that was most of the time spent drawing the page (about 1 ms a field). ``FormRenderer`` draws the
common widgets (inputs, selects, text areas, radio and checkbox lists) with the same markup in
plain Python and hands anything else, or any widget whose template a project overrides by name,
to the template engine as before. ``tests/test_rendering.py`` checks the output against the
templates' for every widget it draws.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.forms.renderers import DjangoTemplates
from django.http import HttpRequest
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

Widget = dict[str, Any]

_WIDGETS = "django/forms/widgets/"


def _text(value: Any) -> str:
    """``{{ value }}``: escaped unless already safe."""
    return str(conditional_escape(value))


def _attrs(attrs: dict[str, Any]) -> str:
    """attrs.html: ``name="value"`` pairs, bare names for ``True``, nothing for ``False``."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(f" {_text(name)}" if value is True else f' {_text(name)}="{_text(str(value))}"')
    return "".join(parts)


def _input(widget: Widget) -> str:
    value = widget["value"]
    shown = "" if value is None else f' value="{_text(str(value))}"'
    kind, name = _text(widget["type"]), _text(widget["name"])
    return f'<input type="{kind}" name="{name}"{shown}{_attrs(widget["attrs"])}>'


def _input_option(widget: Widget) -> str:
    # Included templates keep their final newline (only the outermost render is stripped), so an
    # option carries one newline per template file it passes through, as Django's output does.
    if not widget.get("wrap_label"):
        return f"{_input(widget)}\n\n"
    target = widget["attrs"].get("id")
    label_for = f' for="{_text(target)}"' if target else ""
    return f"<label{label_for}>{_input(widget)}\n {_text(widget['label'])}</label>\n"


def _option(widget: Widget) -> str:
    value, label = _text(str(widget["value"])), _text(widget["label"])
    return f'<option value="{value}"{_attrs(widget["attrs"])}>{label}</option>\n'


def _groups(widget: Widget) -> Iterable[tuple[Any, list[Widget], int]]:
    groups: Iterable[tuple[Any, list[Widget], int]] = widget["optgroups"]
    return groups


def _select(widget: Widget, draw: Callable[[Widget], str]) -> str:
    out = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group, options, _ in _groups(widget):
        if group:
            out.append(f'\n  <optgroup label="{_text(group)}">')
        out.extend(f"\n  {draw(option)}" for option in options)
        if group:
            out.append("\n  </optgroup>")
    out.append("\n</select>")
    return "".join(out)


def _multiple(widget: Widget, draw: Callable[[Widget], str]) -> str:
    attrs = widget["attrs"]
    ident, css = attrs.get("id"), attrs.get("class")
    out = [f"<div{f' id="{_text(ident)}"' if ident else ''}{f' class="{_text(css)}"' if css else ''}>"]
    for group, options, _ in _groups(widget):
        if group:
            out.append(f"\n  <div><label>{_text(group)}</label>")
        out.extend(f"<div>\n    {draw(option)}</div>" for option in options)
        if group:
            out.append("\n  </div>")
    out.append("\n</div>")
    return "".join(out)


def _textarea(widget: Widget) -> str:
    value = widget["value"]
    text = _text(value) if value else ""
    return f'<textarea name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>\n{text}</textarea>'


_INPUTS = {
    f"{_WIDGETS}{name}.html"
    for name in (
        "input",
        "text",
        "email",
        "url",
        "number",
        "password",
        "hidden",
        "search",
        "date",
        "datetime",
        "time",
        "checkbox",
    )
}
_OPTIONS = {f"{_WIDGETS}{name}.html" for name in ("radio_option", "checkbox_option")}
_SINGLE_OPTIONS = {f"{_WIDGETS}{name}.html" for name in ("input_option", "select_option")}
_MULTIPLE = {f"{_WIDGETS}{name}.html" for name in ("multiple_input", "radio", "checkbox_select")}


class FormRenderer(DjangoTemplates):
    """Django's default form renderer, with the common widgets drawn in Python."""

    def render(self, template_name: str, context: dict[str, Any], request: HttpRequest | None = None) -> str:
        drawn = self._draw(template_name, context.get("widget"))
        if drawn is None:
            return super().render(template_name, context, request=request)
        return mark_safe(drawn)  # noqa: S308 - every value in it went through conditional_escape

    def _draw(self, template_name: str, widget: Widget | None) -> str | None:
        if widget is None or not template_name.startswith(_WIDGETS):
            return None
        if template_name in _INPUTS:
            return _input(widget)
        if template_name == f"{_WIDGETS}select.html":
            return _select(widget, self._option)
        if template_name == f"{_WIDGETS}textarea.html":
            return _textarea(widget)
        if template_name in _MULTIPLE:
            return _multiple(widget, self._option)
        if template_name in _OPTIONS or template_name in _SINGLE_OPTIONS:
            # One choice drawn alone ({{ radio.tag }}): the outermost render is stripped.
            return self._option({**widget, "template_name": template_name}).strip()
        return None

    def _option(self, option: Widget) -> str:
        name = option["template_name"]
        if name == f"{_WIDGETS}select_option.html":
            return _option(option)
        if name == f"{_WIDGETS}input_option.html":
            return _input_option(option)
        if name in _OPTIONS:
            return f"{_input_option(option)}\n"
        # An option template a project names itself: rendered, and kept unstripped, as an include is.
        return str(self.get_template(name).render({"widget": option}))
