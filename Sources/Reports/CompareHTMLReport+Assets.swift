import Basics
import Foundation

/// The inline stylesheet and script of the HTML compare report. Nothing is loaded from the
/// network: the page's Content-Security-Policy allows only this script (by its hash) and inline
/// styles, so even markup that slipped through escaping could not run or fetch anything.
enum CompareHTMLAssets {
    /// `'sha256-…'` of ``script``, for the Content-Security-Policy.
    static let scriptHash: String =
        "'sha256-" + Data(Digest.sha256(script.utf8)).base64EncodedString() + "'"

    static let css = """
        :root{--bg:#fff;--fg:#1f2328;--muted:#656d76;--line:#d0d7de;--panel:#f6f8fa;\
        --del:#ffebe9;--delfg:#82071e;--ins:#dafbe1;--insfg:#116329;--warn:#9a6700;}
        @media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#8d96a0;\
        --line:#30363d;--panel:#161b22;--del:#5a1e23;--delfg:#ffdcd7;--ins:#1b4721;\
        --insfg:#aff5b4;--warn:#d29922;}}
        *{box-sizing:border-box}
        body{margin:0;padding:0 24px 48px;font:14px/1.45 system-ui,-apple-system,"Segoe UI",\
        sans-serif;background:var(--bg);color:var(--fg)}
        h1{font-size:20px;margin:20px 0 4px}
        h2{font-size:16px;margin:20px 0 8px}
        .meta,.muted{color:var(--muted)}
        table{border-collapse:collapse;margin:8px 0}
        th,td{border:1px solid var(--line);padding:4px 10px;text-align:left;vertical-align:top}
        th{background:var(--panel)}
        td.num{text-align:right;font-variant-numeric:tabular-nums}
        .verdict{font-size:15px;padding:8px 12px;border-left:4px solid var(--line);\
        background:var(--panel)}
        .v-worse{border-color:#cf222e}.v-better{border-color:#1a7f37}.v-inconclusive{\
        border-color:var(--warn)}
        .controls{position:sticky;top:0;background:var(--bg);padding:10px 0;\
        border-bottom:1px solid var(--line);display:flex;flex-wrap:wrap;gap:8px;\
        align-items:center;z-index:1}
        .controls button{font:inherit;padding:4px 10px;border:1px solid var(--line);\
        border-radius:6px;background:var(--panel);color:var(--fg);cursor:pointer}
        .controls button[aria-pressed=true]{background:var(--fg);color:var(--bg)}
        .controls input{font:inherit;padding:4px 8px;min-width:260px;border:1px solid \
        var(--line);border-radius:6px;background:var(--bg);color:var(--fg)}
        .case{border:1px solid var(--line);border-radius:8px;margin:12px 0;overflow:hidden}
        .case-head{display:flex;flex-wrap:wrap;gap:8px;align-items:center;padding:6px 10px;\
        background:var(--panel);border-bottom:1px solid var(--line)}
        .badge,.pill,.tag,.flag{border-radius:10px;padding:0 8px;font-size:12px;\
        border:1px solid var(--line)}
        .st-regression .badge{background:var(--del);color:var(--delfg)}
        .st-improvement .badge{background:var(--ins);color:var(--insfg)}
        .st-error .badge,.st-flaky .badge{color:var(--warn)}
        .pill.pass{color:var(--insfg);background:var(--ins)}
        .pill.fail{color:var(--delfg);background:var(--del)}
        .pill.error,.pill.mixed{color:var(--warn)}
        details.input{padding:6px 10px;border-bottom:1px solid var(--line)}
        .cols{display:grid;grid-template-columns:1fr 1fr}
        .side{min-width:0;padding:6px 10px}
        .side+.side{border-left:1px solid var(--line)}
        .side-head{display:flex;gap:8px;align-items:center;margin-bottom:4px}
        pre{white-space:pre-wrap;overflow-wrap:anywhere;margin:0;font:12.5px/1.45 ui-monospace,\
        SFMono-Regular,Menlo,Consolas,monospace}
        del{background:var(--del);color:var(--delfg);text-decoration:line-through}
        ins{background:var(--ins);color:var(--insfg);text-decoration:none}
        ul.reasons{margin:6px 0 0;padding-left:18px;color:var(--delfg)}
        #more{display:block;margin:16px auto;font:inherit;padding:6px 16px}
        """

    /// Renders the cases of the `pg-data` block 100 at a time (more on scroll). Every field is
    /// set with `textContent`, except the output columns, which the report escaped in Swift.
    static let script = #"""
        (function () {
          'use strict';
          var cases = JSON.parse(document.getElementById('pg-data').textContent);
          var rows = document.getElementById('rows');
          var moreButton = document.getElementById('more');
          var count = document.getElementById('count');
          var search = document.getElementById('q');
          var PAGE = 100, filter = 'all', list = [], shown = 0, timer = null;
          var tests = {
            all: function () { return true; },
            regression: function (c) { return c.st === 'regression'; },
            improvement: function (c) { return c.st === 'improvement'; },
            changed: function (c) { return c.t; },
            flaky: function (c) { return c.f; },
            error: function (c) { return c.st === 'error'; },
            'new-removed': function (c) { return c.st === 'new' || c.st === 'removed'; }
          };
          function esc(s) {
            return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
              .replace(/"/g, '&quot;').replace(/'/g, '&#39;');
          }
          // A candidate whose output equals the base's has no `h` of its own.
          function html(c, s) {
            return s.h === undefined && c.b ? c.b.h : s.h;
          }
          function strip(c, s) {
            var h = s ? html(c, s) : null;
            return h ? h.replace(/<\/?(?:del|ins)>/g, '') : '';
          }
          // Search runs on escaped text, the form the outputs are shipped in.
          function key(c) {
            if (c.k === undefined) {
              c.k = [esc(c.s + '/' + c.i), esc(c.in || ''), strip(c, c.b), strip(c, c.c),
                     esc((c.g || []).join(' '))].join('\n').toLowerCase();
            }
            return c.k;
          }
          function el(tag, cls, text) {
            var e = document.createElement(tag);
            if (cls) e.className = cls;
            if (text !== undefined && text !== null) e.textContent = text;
            return e;
          }
          function side(c, label, s) {
            var col = el('div', 'side');
            var head = el('div', 'side-head');
            head.appendChild(el('strong', null, label));
            if (!s) {
              col.appendChild(head);
              col.appendChild(el('p', 'muted', 'Not in this run.'));
              return col;
            }
            head.appendChild(el('span', 'pill ' + s.k, s.v));
            col.appendChild(head);
            var pre = el('pre', 'out');
            var h = html(c, s);
            if (h === null || h === undefined) pre.appendChild(el('em', 'muted', 'no output'));
            else pre.innerHTML = h; // escaped on the Swift side; only <del> and <ins> tags
            col.appendChild(pre);
            if (s.r.length) {
              var ul = el('ul', 'reasons');
              s.r.forEach(function (r) { ul.appendChild(el('li', null, r)); });
              col.appendChild(ul);
            }
            return col;
          }
          function render(c) {
            var section = el('section', 'case st-' + c.st);
            var head = el('div', 'case-head');
            head.appendChild(el('span', 'badge', c.st + (c.w ? ' (within flakiness)' : '')));
            head.appendChild(el('code', null, c.s + '/' + c.i));
            (c.g || []).forEach(function (t) { head.appendChild(el('span', 'tag', t)); });
            if (c.t) head.appendChild(el('span', 'flag', c.ws ? 'whitespace only' : 'text changed'));
            if (c.tp) head.appendChild(el('span', 'flag', 'tools changed at step ' + c.tp));
            section.appendChild(head);
            if (c.tl) {
              var t = el('details', 'tools');
              t.open = true;
              t.appendChild(el('summary', null, 'Tool calls'));
              t.appendChild(el('pre', null, c.tl));
              section.appendChild(t);
            }
            if (c.in !== null) {
              var d = el('details', 'input');
              d.appendChild(el('summary', null, 'Input'));
              d.appendChild(el('pre', null, c.in));
              section.appendChild(d);
            }
            var cols = el('div', 'cols');
            cols.appendChild(side(c, 'Base', c.b));
            cols.appendChild(side(c, 'Candidate', c.c));
            section.appendChild(cols);
            return section;
          }
          function more() {
            var fragment = document.createDocumentFragment();
            var end = Math.min(shown + PAGE, list.length);
            for (; shown < end; shown++) fragment.appendChild(render(list[shown]));
            rows.appendChild(fragment);
            count.textContent = 'Showing ' + shown + ' of ' + list.length + ' cases';
            moreButton.hidden = shown >= list.length;
          }
          function apply() {
            var test = tests[filter] || tests.all;
            var q = esc(search.value.trim().toLowerCase());
            list = cases.filter(function (c) { return test(c) && (!q || key(c).indexOf(q) >= 0); });
            shown = 0;
            rows.textContent = '';
            more();
          }
          var buttons = document.querySelectorAll('button[data-filter]');
          Array.prototype.forEach.call(buttons, function (b) {
            b.addEventListener('click', function () {
              filter = b.getAttribute('data-filter');
              Array.prototype.forEach.call(buttons, function (o) {
                o.setAttribute('aria-pressed', o === b ? 'true' : 'false');
              });
              apply();
            });
          });
          search.addEventListener('input', function () {
            clearTimeout(timer);
            timer = setTimeout(apply, 150);
          });
          moreButton.addEventListener('click', more);
          if ('IntersectionObserver' in window) {
            new IntersectionObserver(function (entries) {
              if (entries[0].isIntersecting && shown < list.length) more();
            }, { rootMargin: '600px' }).observe(moreButton);
          }
          apply();
        })();
        """#
}
