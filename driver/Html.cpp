//===- Html.cpp - The HTML timeline of one failing schedule ---------------===//
//
// One self-contained file (no network: styles, script and data inline) that
// draws a schedule as a table: a column (lane) per thread, a row per step
// worth seeing (every sync point, thread start/exit, block and yield, and
// every preemption, access points included), the thread that runs next
// marked where the baton changes hands, and a row where each report was
// printed. For a data race, the current access is marked in its thread's
// lane and the previous access in the other's; hovering shows their stacks
// and clicking shows them with source lines in the panel below. The
// reproduce line is at the top.
//
// The data is one llvm::json value embedded in a <script type=
// "application/json"> element (escaped so that "</script>" in a program's
// output cannot end it); a small script builds the table from it. Reports
// come from the run's output (parseReports), steps from the runtime's trace
// (Trace.h).
//
//===----------------------------------------------------------------------===//

#include "Results.h"

#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <cerrno>
#include <fstream>
#include <set>

namespace weft {
namespace driver {

namespace {

/// The thread a stack title names: "... by thread T3" is 3, "... by main
/// thread" is 0; -1 when it names none.
int threadOfTitle(absl::string_view Title) {
  if (absl::StrContains(Title, "by main thread"))
    return 0;
  size_t At = Title.rfind("by thread T");
  if (At == absl::string_view::npos)
    return -1;
  absl::string_view Digits = Title.substr(At + strlen("by thread T"));
  size_t End = 0;
  while (End < Digits.size() && Digits[End] >= '0' && Digits[End] <= '9')
    ++End;
  int N = -1;
  if (!absl::SimpleAtoi(Digits.substr(0, End), &N))
    return -1;
  return N;
}

llvm::json::Value frameJson(const ReportFrame &F) {
  return llvm::json::Object{{"function", jsonText(F.Function)},
                            {"file", jsonText(F.File)},
                            {"line", F.Line},
                            {"column", F.Column},
                            {"module", jsonText(F.Module)}};
}

llvm::json::Value stackJson(const ReportStack &S) {
  llvm::json::Array Frames;
  for (const ReportFrame &F : S.Frames)
    Frames.push_back(frameJson(F));
  return llvm::json::Object{{"title", jsonText(S.Title)},
                            {"thread", threadOfTitle(S.Title)},
                            {"frames", std::move(Frames)}};
}

// Access points are shown only where the baton changed hands: the others
// are the quantum ticking, thousands of rows of nothing.
bool worthShowing(const TraceStep &S) {
  return S.Kind != "access" || S.Next != S.Current;
}

constexpr size_t kMaxRows = 20000;

llvm::json::Value timelineJson(const FailedRun &F, const Trace &T) {
  std::vector<Report> Reports = parseReports(F.Output);
  std::set<int> Threads;
  llvm::json::Array Steps;
  size_t Shown = 0;
  for (const TraceStep &S : T.Steps)
    Shown += worthShowing(S);
  size_t Skip = Shown > kMaxRows ? Shown - kMaxRows : 0;
  for (const TraceStep &S : T.Steps) {
    if (S.Current >= 0)
      Threads.insert(S.Current);
    if (S.Next >= 0)
      Threads.insert(S.Next);
    if (!worthShowing(S))
      continue;
    if (Skip) {
      --Skip;
      continue;
    }
    Steps.push_back(llvm::json::Object{
        {"step", static_cast<int64_t>(S.Step)},
        {"thread", S.Current},
        {"next", S.Next},
        {"kind", S.Kind},
        {"label", S.Label},
        {"object", S.Object ? absl::StrCat("O", S.Object) : std::string()},
        {"preempted", S.Preempted}});
  }
  llvm::json::Array ReportsJson;
  for (const TraceReport &R : T.Reports) {
    if (R.Number == 0 || R.Number > Reports.size())
      continue;
    const Report &Rep = Reports[R.Number - 1];
    llvm::json::Array Stacks;
    for (const ReportStack &S : Rep.Stacks) {
      Stacks.push_back(stackJson(S));
      int Th = threadOfTitle(S.Title);
      if (Th >= 0 && !absl::StrContains(S.Title, "created by"))
        Threads.insert(Th);
    }
    if (R.Thread >= 0)
      Threads.insert(R.Thread);
    ReportsJson.push_back(llvm::json::Object{
        {"step", static_cast<int64_t>(R.Step)},
        {"thread", R.Thread},
        {"kind", jsonText(Rep.Kind)},
        {"summary", frameJson(Rep.Summary)},
        {"race", absl::StartsWith(Rep.Kind, "data race")},
        {"stacks", std::move(Stacks)},
        {"text", jsonText(Rep.Text)}});
  }
  llvm::json::Array ThreadList;
  for (int Th : Threads)
    ThreadList.push_back(Th);
  return llvm::json::Object{
      {"kind", jsonText(F.What.Kind)},
      {"location", jsonText(F.What.Location)},
      {"seed", F.Seed},
      {"reproduce", jsonText(F.Reproduce)},
      {"stepsTaken", static_cast<int64_t>(T.Taken)},
      {"stepsKept", static_cast<int64_t>(T.Steps.size())},
      {"rowsDropped", static_cast<int64_t>(Shown > kMaxRows ? Shown - kMaxRows : 0)},
      {"threads", std::move(ThreadList)},
      {"steps", std::move(Steps)},
      {"reports", std::move(ReportsJson)}};
}

// HTML keeps control characters as they are.
std::string htmlEscape(absl::string_view S) { return markupEscape(S, false); }

constexpr const char *kStyle = R"css(
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #222; }
h1 { font-size: 1.3em; margin: 0 0 .3em; }
.reproduce { background: #f4f4f4; padding: .5em; border-radius: 4px; overflow-x: auto; }
.note { color: #666; }
table.timeline { border-collapse: collapse; margin-top: 1em; }
table.timeline th, table.timeline td { border: 1px solid #ddd; padding: 2px 8px; white-space: nowrap; }
table.timeline th.lane { background: #eef; position: sticky; top: 0; }
td.stepno { color: #888; text-align: right; }
td.event { background: #f7fbff; }
td.event.preempt { background: #fff1dc; }
td.switch { color: #888; }
td.switch.preempt { color: #b35c00; font-weight: bold; }
td.report { background: #ffe0e0; font-weight: bold; cursor: pointer; }
td.race { background: #ff9d9d; outline: 2px solid #c00; cursor: pointer; }
#details { margin-top: 1em; padding: .5em; border: 1px solid #ccc; min-height: 2em; }
#details pre { margin: .2em 0; }
)css";

constexpr const char *kScript = R"js(
(function () {
  var data = JSON.parse(document.getElementById('weft-data').textContent);
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function name(t) { return t < 0 ? '?' : 'T' + t + (t === 0 ? ' (main)' : ''); }
  function shortFrame(f) {
    return f.function + ' ' + (f.file ? f.file.split('/').pop() + ':' + f.line : f.module);
  }
  function frameText(f) {
    return f.function + ' ' + (f.file ? f.file + ':' + f.line + ':' + f.column : '<null>') +
           ' (' + f.module + ')';
  }
  function stackText(s) {
    return s.title + ':\n' + s.frames.map(function (f, i) {
      return '  #' + i + ' ' + frameText(f);
    }).join('\n');
  }
  var details = document.getElementById('details');
  function show(title, stacks) {
    details.textContent = '';
    details.appendChild(el('strong', '', title));
    stacks.forEach(function (s) { details.appendChild(el('pre', 'stack', stackText(s))); });
  }
  var lanes = data.threads;
  var column = {};
  lanes.forEach(function (t, i) { column[t] = i; });
  var table = el('table', 'timeline');
  var head = el('tr');
  head.appendChild(el('th', '', 'step'));
  lanes.forEach(function (t) {
    var th = el('th', 'lane', name(t));
    th.setAttribute('data-thread', 'T' + t);
    head.appendChild(th);
  });
  var thead = el('thead');
  thead.appendChild(head);
  table.appendChild(thead);
  var body = el('tbody');
  table.appendChild(body);
  function row(step) {
    var tr = el('tr');
    tr.setAttribute('data-step', step);
    tr.appendChild(el('td', 'stepno', String(step)));
    var cells = lanes.map(function () { var td = el('td'); tr.appendChild(td); return td; });
    body.appendChild(tr);
    return cells;
  }
  var reports = data.reports.slice();
  function flushReports(upTo) {
    while (reports.length && reports[0].step <= upTo) {
      var r = reports.shift();
      var cells = row(r.step);
      var stacks = r.stacks.filter(function (s) { return s.title.indexOf('created by') < 0; });
      if (r.race && stacks.length >= 2) {
        var cur = stacks[0], prev = stacks[1];
        var c = cells[column[cur.thread !== -1 ? cur.thread : r.thread]];
        var p = cells[column[prev.thread]];
        if (c) {
          c.className = 'event race current';
          c.textContent = cur.title.split(' at ')[0] + ' in ' +
              (cur.frames.length ? shortFrame(cur.frames[0]) : '?');
          c.title = stackText(cur);
          c.onclick = function () { show(r.kind + ': current access', [cur]); };
        }
        if (p && p !== c) {
          p.className = 'event race previous';
          p.textContent = prev.title.split(' at ')[0] + ' (earlier) in ' +
              (prev.frames.length ? shortFrame(prev.frames[0]) : '?');
          p.title = stackText(prev);
          p.onclick = function () { show(r.kind + ': previous access', [prev]); };
        }
      } else {
        var cell = cells[column[r.thread]] || cells[0];
        cell.className = 'event report';
        cell.textContent = r.kind + ' reported';
        cell.title = r.text;
        cell.onclick = function () { show(r.kind, stacks); };
      }
    }
  }
  data.steps.forEach(function (s) {
    flushReports(s.step - 1);
    var cells = row(s.step);
    var here = cells[column[s.thread]];
    if (here) {
      here.className = 'event' + (s.preempted ? ' preempt' : '');
      here.textContent = (s.label || s.kind) + (s.object ? ' ' + s.object : '');
      here.setAttribute('data-kind', s.kind);
    }
    if (s.next !== s.thread && cells[column[s.next]]) {
      var to = cells[column[s.next]];
      to.className = 'switch' + (s.preempted ? ' preempt' : '');
      to.textContent = s.preempted ? '\u26a1 preempts ' + name(s.thread) : '\u25b6 runs';
    }
  });
  flushReports(Infinity);
  document.getElementById('timeline').appendChild(table);
})();
)js";

} // namespace

bool writeHtmlTimeline(const FailedRun &F, const Trace &T, const std::string &Path) {
  std::string Json;
  llvm::raw_string_ostream JS(Json);
  JS << timelineJson(F, T);
  JS.flush();
  // "</" cannot end the data element when written "<\/" (same JSON value).
  std::string Safe;
  for (size_t I = 0; I < Json.size(); ++I) {
    if (Json[I] == '<' && I + 1 < Json.size() && Json[I + 1] == '/') {
      Safe += "<\\/";
      ++I;
    } else {
      Safe += Json[I];
    }
  }
  std::string Title = F.What.Location.empty()
                          ? F.What.Kind
                          : absl::StrCat(F.What.Kind, " at ", F.What.Location);
  std::ofstream Out(Path, std::ios::trunc);
  if (!Out)
    return false;
  Out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      << "<title>weft: " << htmlEscape(Title) << "</title>\n<style>" << kStyle
      << "</style>\n</head>\n<body>\n"
      << "<h1 id=\"failure\">weft: " << htmlEscape(Title) << "</h1>\n"
      << "<p>Seed <code id=\"seed\">" << htmlEscape(F.Seed) << "</code>; "
      << T.Taken << " scheduling steps";
  if (T.Steps.size() < T.Taken)
    Out << " (the last " << T.Steps.size() << " kept)";
  Out << ". A column per thread, a row per step: the sync operation a thread "
         "stands at, and who runs next (\u26a1: a preemption). Hover or click "
         "a marked access for its stack.</p>\n"
      << "<pre class=\"reproduce\" id=\"reproduce\">To reproduce: "
      << htmlEscape(F.Reproduce) << "</pre>\n"
      << "<noscript><p class=\"note\">The timeline is drawn by a script; the "
         "data is in the weft-data element.</p></noscript>\n"
      << "<div id=\"timeline\"></div>\n<div id=\"details\" class=\"note\">Click a "
         "marked access or report.</div>\n"
      << "<script type=\"application/json\" id=\"weft-data\">" << Safe
      << "</script>\n<script>" << kScript << "</script>\n</body>\n</html>\n";
  Out.close();
  if (!Out) {
    errno = errno ? errno : EIO;
    return false;
  }
  return true;
}

} // namespace driver
} // namespace weft
