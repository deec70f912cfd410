import Basics
import Foundation
import Glibc
import Reports
import Testing

/// Runs the HTML report's script under Node.js with a minimal stand-in for the DOM, to check
/// paging, filters, search and that untrusted fields are set as text. Skipped without Node.
enum NodeJS {
    static let path: String? = ["/usr/bin/node", "/usr/local/bin/node", "/usr/bin/nodejs"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Runs `harness` with the script and data files as arguments; its stdout is JSON.
    static func run(harness: String, script: String, data: String) async throws -> Any {
        let node = try #require(path)
        let dir = NSTemporaryDirectory() + "pg-report-js-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let files = ["harness.js": harness, "script.js": script, "data.json": data]
        for (name, text) in files {
            try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
        }
        _ = FileManager.default.createFile(atPath: dir + "/out.json", contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: node)
        process.arguments = [dir + "/harness.js", dir + "/script.js", dir + "/data.json"]
        process.standardOutput = try FileHandle(
            forWritingTo: URL(fileURLWithPath: dir + "/out.json"))
        process.standardError = FileHandle.nullDevice
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                continuation.resume(throwing: error)
                return
            }
            let pid = process.processIdentifier
            // Never hang: kill after 30 s (the termination handler then resumes).
            DispatchQueue.global().asyncAfter(deadline: .now() + 30) { kill(pid, SIGKILL) }
        }
        #expect(status == 0, "node exited with \(status)")
        let out = try Data(contentsOf: URL(fileURLWithPath: dir + "/out.json"))
        return try JSONSerialization.jsonObject(with: out)
    }

    static let harness = #"""
        const fs = require('fs');
        const script = fs.readFileSync(process.argv[2], 'utf8');
        const data = fs.readFileSync(process.argv[3], 'utf8');
        class El {
          constructor(tag) {
            this.tagName = tag; this.children = []; this.text = ''; this.html = null;
            this.attrs = {}; this.listeners = {}; this.hidden = false; this.className = '';
            this.value = '';
          }
          get textContent() {
            return this.html !== null ? this.html
              : this.text + this.children.map(c => c.textContent).join('');
          }
          set textContent(v) { this.children = []; this.html = null; this.text = String(v); }
          set innerHTML(v) { this.children = []; this.text = ''; this.html = String(v); }
          appendChild(c) {
            if (c.tagName === '#fragment') this.children.push(...c.children);
            else this.children.push(c);
            return c;
          }
          setAttribute(k, v) { this.attrs[k] = String(v); }
          getAttribute(k) { return this.attrs[k]; }
          addEventListener(t, f) { (this.listeners[t] = this.listeners[t] || []).push(f); }
          fire(t) { (this.listeners[t] || []).forEach(f => f()); }
        }
        const ids = {};
        for (const id of ['rows', 'more', 'count', 'q']) ids[id] = new El(id);
        ids['pg-data'] = new El('script');
        ids['pg-data'].text = data;
        const filters = ['all', 'regression', 'improvement', 'changed', 'flaky', 'error',
                         'new-removed'];
        const buttons = filters.map(f => { const b = new El('button'); b.attrs['data-filter'] = f; return b; });
        const timers = [];
        globalThis.window = {};
        globalThis.setTimeout = f => { timers.push(f); return timers.length; };
        globalThis.clearTimeout = () => {};
        globalThis.document = {
          getElementById: id => ids[id],
          createElement: t => new El(t),
          createDocumentFragment: () => new El('#fragment'),
          querySelectorAll: () => buttons
        };
        new Function(script)();
        const tree = e => ({ tag: e.tagName, cls: e.className, text: e.text, html: e.html,
                             children: e.children.map(tree) });
        const idsShown = () => ids.rows.children.map(s => s.children[0].children[1].textContent);
        const click = f => buttons[filters.indexOf(f)].fire('click');
        const search = q => { ids.q.value = q; ids.q.fire('input'); timers.splice(0).forEach(f => f()); };
        const out = {};
        out.initial = idsShown().length;
        out.count = ids.count.textContent;
        out.moreHidden = ids.more.hidden;
        ids.more.fire('click');
        out.afterMore = idsShown().length;
        for (const f of filters) { click(f); out[f] = idsShown(); }
        click('all');
        search('<SCRIPT>alert(1)');
        out.searchScript = idsShown();
        search('pipe</b>');
        out.searchID = idsShown();
        search('nothing matches this');
        out.searchNone = idsShown();
        search('reg-script');
        out.regScript = tree(ids.rows.children[0]);
        search('same-pass');
        out.samePass = tree(ids.rows.children[0]);
        process.stdout.write(JSON.stringify(out));
        """#
}

@Suite struct CompareReportScriptTests {
    /// Every element's text and HTML in a rendered tree.
    private func walk(_ node: [String: Any], _ visit: ([String: Any]) -> Void) {
        visit(node)
        for child in node["children"] as? [[String: Any]] ?? [] { walk(child, visit) }
    }

    @Test(.enabled(if: NodeJS.path != nil)) func scriptPagesFiltersSearchesAndSetsText()
        async throws
    {
        var cases = CompareFixture.hostileCases()
        for i in 0..<150 {
            cases.append(
                .init(id: "p\(i)", base: [.pass("ok \(i)")], candidate: [.pass("ok \(i)")]))
        }
        let parts = try #require(HTMLReportParts(CompareFixture.compare(cases).html()))
        let result = try await NodeJS.run(
            harness: NodeJS.harness, script: try #require(parts.script), data: parts.data)
        let out = try #require(result as? [String: Any])
        #expect(out["initial"] as? Int == 100)
        #expect(out["count"] as? String == "Showing 100 of 162 cases")
        #expect(out["moreHidden"] as? Bool == false)
        #expect(out["afterMore"] as? Int == 162)
        let regressions = ["reg-script", "reg|<b>pipe</b>", "reg-ticks", "reg-control"]
        #expect(out["regression"] as? [String] == regressions.map { "support/" + $0 })
        #expect(out["improvement"] as? [String] == ["support/imp-1"])
        #expect(out["error"] as? [String] == ["support/err"])
        #expect(out["flaky"] as? [String] == ["support/flaky"])
        #expect(out["new-removed"] as? [String] == ["support/new-case", "support/removed-case"])
        #expect((out["changed"] as? [String])?.contains("support/changed-pass") == true)
        #expect((out["changed"] as? [String])?.contains("support/same-pass") == false)
        // A new filter starts again at the first page.
        #expect((out["all"] as? [String])?.count == 100)
        #expect(out["searchScript"] as? [String] == ["support/reg-script"])
        #expect(out["searchID"] as? [String] == ["support/reg|<b>pipe</b>"])
        #expect(out["searchNone"] as? [String] == [])

        // Untrusted fields arrive as text; only the output columns use HTML, escaped in Swift.
        let section = try #require(out["regScript"] as? [String: Any])
        var texts: [String] = []
        var htmls: [String] = []
        walk(section) { node in
            if let t = node["text"] as? String { texts.append(t) }
            if let h = node["html"] as? String { htmls.append(h) }
        }
        #expect(texts.contains("<b>hi</b> | `x` " + CompareFixture.script))
        #expect(texts.contains("not-contains: found \"\(CompareFixture.script)\""))
        #expect(htmls.count == 2)
        for html in htmls {
            let bare = ["<del>", "</del>", "<ins>", "</ins>"].reduce(html) {
                $0.replacingOccurrences(of: $1, with: "")
            }
            #expect(!bare.contains("<"))
        }
        #expect(htmls.contains { $0.contains(HTMLEscape.escape(CompareFixture.script)) })

        // A candidate identical to the base shows the base's column.
        let same = try #require(out["samePass"] as? [String: Any])
        var sameHTML: [String] = []
        walk(same) { if let h = $0["html"] as? String { sameHTML.append(h) } }
        #expect(sameHTML == ["Same text.", "Same text."])
    }
}
