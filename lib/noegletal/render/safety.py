"""Keeping a brief email-safe: clean every output fragment, then check the whole page.

`rens_html` is applied by the template to every text/html output and every markdown cell (defence in
depth: our own blocks never emit scripts, but a notebook may display anything). It re-serialises the
fragment from parsed tokens, so no raw text passes through: scripts, styles, frames and embeds are dropped
with their content, event handlers (`on…`) are removed, and only inline images (`data:image/…`),
in-page links (`#…`), mailto: and a download link to inline CSV (`<a download href="data:text/csv…">`, the
blocks' "Hent tallene (CSV)") survive as addresses. An external link keeps its text and shows the
address in parentheses, so the reader still sees the source.

`check_email_safe` is the final gate on the finished page; it lists problems in Danish.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_DROP_WITH_CONTENT = {"script", "style", "iframe", "frame", "frameset", "object", "embed", "applet",
                      "noscript", "template", "noembed", "noframes"}
_DROP_TAG = {"link", "meta", "base", "form"}
_VOID = {"area", "br", "col", "hr", "img", "input", "source", "track", "wbr", "link", "meta", "base"}
_URL_ATTRS = {"src", "href", "xlink:href", "srcset", "action", "formaction", "poster", "background", "data",
              "lowsrc", "dynsrc", "ping", "longdesc", "manifest", "codebase", "cite", "usemap", "archive"}
_TAG_NAME = re.compile(r"^[a-z][a-z0-9:-]*$")
_CSS_FARLIG = re.compile(r"url\s*\(|expression\s*\(|@import|javascript:|behavior\s*:", re.I)
_CSS_EKSTERN = re.compile(r"url\s*\(\s*['\"]?(?!data:)|@import", re.I)
NBCONVERT_ALT = "No description has been provided for this image"


_CSV_DATA = re.compile(r"^data:text/csv(;[a-z0-9_.=-]+)*,", re.I)


def _safe_url(attr: str, value: str, *, download: bool = False) -> bool:
    """An address that stays in the document. `download` (an <a download>) also allows inline CSV: a file
    the reader saves, never a page the browser shows or runs."""
    v = re.sub(r"[\s\x00-\x1f]", "", value).lower()
    if attr == "src":
        return v.startswith("data:image/")
    if attr in {"href", "xlink:href"}:
        return v.startswith("#") or v.startswith("mailto:") or (
            download and attr == "href" and bool(_CSV_DATA.match(v)))
    return False


def _er_download(tag: str, attrs) -> bool:
    return tag == "a" and any(name == "download" for name, _ in attrs)


def _attrs(attrs: list[tuple[str, str | None]]) -> str:
    out = []
    for name, value in attrs:
        out.append(f" {name}" if value is None else f' {name}="{html.escape(value, quote=True)}"')
    return "".join(out)


class _Cleaner(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip: list[str] = []  # open elements whose content is dropped
        self.links: list[str | None] = []  # per open <a>: external address to show after its text

    def _clean_attrs(self, tag: str, attrs) -> list[tuple[str, str | None]]:
        keep = []
        download = _er_download(tag, attrs)
        for name, value in attrs:
            if not _TAG_NAME.match(name) or name.startswith("on"):
                continue
            if name in _URL_ATTRS:
                if value is None or not _safe_url(name, value, download=download):
                    if tag == "a" and name == "href" and value and re.match(r"^\s*https?://", value, re.I):
                        self.links[-1:] = [value.strip()]
                    continue
            if name == "style" and value and _CSS_FARLIG.search(value.replace("\\", "")):
                continue
            keep.append((name, value))
        return keep

    def _start(self, tag, attrs, selfclosing):
        if self.skip:
            if tag == self.skip[-1] and not selfclosing:
                self.skip.append(tag)
            return
        if tag in _DROP_WITH_CONTENT:
            if not selfclosing:
                self.skip.append(tag)
            return
        if tag in _DROP_TAG or not _TAG_NAME.match(tag):
            return
        if tag == "a" and not selfclosing:
            self.links.append(None)
        attrs = self._clean_attrs(tag, attrs)
        if tag == "img" and not any(n == "src" for n, _ in attrs):
            return  # an image with no inline source would be an empty box
        end = " /" if selfclosing and tag not in _VOID else ""
        self.out.append(f"<{tag}{_attrs(attrs)}{end}>")

    def handle_starttag(self, tag, attrs):
        self._start(tag, attrs, False)

    def handle_startendtag(self, tag, attrs):
        self._start(tag, attrs, True)

    def handle_endtag(self, tag):
        if self.skip:
            if tag == self.skip[-1]:
                self.skip.pop()
            return
        if tag in _DROP_WITH_CONTENT or tag in _DROP_TAG or tag in _VOID or not _TAG_NAME.match(tag):
            return
        self.out.append(f"</{tag}>")
        if tag == "a" and self.links:
            url = self.links.pop()
            if url:
                self.out.append(f' <span class="nt-url">({html.escape(url)})</span>')

    def handle_data(self, data):
        if not self.skip:
            self.out.append(html.escape(data, quote=False))

    # Comments (incl. Outlook's conditional comments), doctypes and processing instructions are dropped.
    def handle_comment(self, data):
        pass

    def handle_decl(self, decl):
        pass

    def handle_pi(self, data):
        pass

    def unknown_decl(self, data):
        pass


def rens_html(fragment) -> str:
    """An HTML fragment with everything that could run code or reach the network removed."""
    if isinstance(fragment, (list, tuple)):  # notebook JSON may keep multi-line strings as lists
        fragment = "".join(fragment)
    p = _Cleaner()
    p.feed(str(fragment))
    p.close()
    return "".join(p.out)


_RELATIV = re.compile(r"^(?![a-z][a-z0-9+.-]*:|[/\\])[^\s]*$", re.I)  # 'Ballerup/integration.html', no scheme, not '/'


class _Checker(HTMLParser):
    def __init__(self, relative_links: bool = False):
        super().__init__(convert_charrefs=True)
        self.relative_links = relative_links
        self.problems: list[str] = []
        self.lang: str | None = None
        self.charset = False
        self.in_style = False

    def _problem(self, tekst: str):
        if tekst not in self.problems:
            self.problems.append(tekst)

    def handle_starttag(self, tag, attrs):
        a = {k: (v or "") for k, v in attrs}
        if tag == "html":
            self.lang = a.get("lang", "")
        if tag == "meta" and a.get("charset", "").lower() == "utf-8":
            self.charset = True
        if tag == "meta" and a.get("http-equiv", "").lower() == "refresh":
            self._problem("<meta http-equiv=\"refresh\"> er ikke tilladt.")
        if tag in {"iframe", "frame", "object", "embed", "applet", "link", "base", "form"}:
            self._problem(f"<{tag}> er ikke tilladt i en e-mail-brief.")
        if tag == "style":
            self.in_style = True
        for name, value in attrs:
            if name.startswith("on"):
                self._problem(f"Hændelsesattribut '{name}' på <{tag}> er ikke tilladt.")
            elif name in _URL_ATTRS and not _safe_url(name, value or "", download=_er_download(tag, attrs)) and not (
                    self.relative_links and tag == "a" and name == "href" and _RELATIV.match(value or "")):
                self._problem(f"Adressen i {name} på <{tag}> peger uden for dokumentet: {(value or '')[:80]!r}.")
            elif name == "style" and _CSS_EKSTERN.search((value or "").replace("\\", "")):
                self._problem(f"CSS med ekstern adresse i style på <{tag}>.")
        if tag == "img":
            alt = a.get("alt", "").strip()
            if not alt or alt == NBCONVERT_ALT:
                self._problem("Et billede (<img>) mangler alternativ tekst (alt).")

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag):
        if tag == "style":
            self.in_style = False

    def handle_data(self, data):
        if self.in_style and _CSS_EKSTERN.search(data.replace("\\", "")):
            self._problem("Stilarket henter noget udefra (url(...) eller @import).")


def check_email_safe(page: str, *, relative_links: bool = False) -> list[str]:
    """Problems that make a page unfit to email (empty list: fine), in Danish.

    Checked: no <script> anywhere, no address leaving the document (src/href/…, CSS url(); inline CSV on
    an <a download> stays in it), no event
    handlers, <html lang="da">, <meta charset="utf-8"> and alt text on every image. `relative_links` also
    allows <a href> to a file beside the page ('Ballerup/integration.html', no scheme, not absolute): for an
    overview page (the batch's index.html) that is sent or opened together with the briefs it links.
    """
    c = _Checker(relative_links)
    if re.search(r"<\s*script", page, re.I):
        c._problem("Siden indeholder <script>.")
    c.feed(page)
    c.close()
    if c.lang is None:
        c._problem('Siden mangler <html lang="da">.')
    elif c.lang.lower() != "da":
        c._problem(f'Sproget er angivet som lang="{c.lang}", ikke "da".')
    if not c.charset:
        c._problem('Siden mangler <meta charset="utf-8">.')
    return c.problems
