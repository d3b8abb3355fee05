"""Print how the overview holds up when many delegates open it at once: N real Streamlit sessions, one server.

Each session speaks Streamlit's own websocket protocol (/_stcore/stream, BackMsg and ForwardMsg protobufs from the
streamlit package), as the browser does, without a browser: the figures are the server's, not a renderer's.
For each N, all N sessions open at once (a shared link clicked in the same minute) and each is timed from the
socket's opening to the overview fully sent (its script_finished). With all N still connected and idle, the
server's memory is read; then all N change a filter at once and each is timed to that run's script_finished.
Below 5 sessions the group is timed again, one group after another, up to 5 runs: one run is too few to compare.

The filter change is the overview's "Article 5 obligation" checkbox (the one bench/overview.py clicks): a
rerun_script with the checkbox's new value, every other widget's value as received, the run's query string and
the hashes of the messages already received, as the frontend sends them. The checkbox sits in the overview's
st.fragment, so the rerun is the fragment's alone (the fragment id of its delta), as a click in a browser is.
A warm-up session opens the page and changes the filter before the first N: every N then measures the same path,
the shared caches (ui/cached.py) holding both views, as they soon do on a server that delegates share.

Errors: a run that does not end in script_finished (script error, closed socket, 120 s timeout), an exception
element in its deltas, or a reference to a message the session never received. Memory: VmRSS of the server and
its children (/proc), with one session connected and with N, both idle 2 s after their runs; per extra session
(rss_N - rss_1) / (N - 1). Against --url the process is not ours: memory is printed as unknown.

Streamlit keeps a closed tab's session for a reconnect, 2 minutes by default (server.disconnectedSessionTTL), and
those sessions cost memory and garbage-collection time. The server started here keeps them 5 s, and each N
starts once they are gone, so that N measures N sessions; with --url, pass --settle to wait for them.

Run: python bench/load.py [--url URL] [--sessions 1,10,25,50] [--settle S]. Without --url it starts serve.py as
the README does, with an empty store in a temporary folder. Prints one line per N, then the details behind them
(bytes each session received, server CPU seconds per session), then p95 at 50 over p95 of one; asserts nothing.
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT_S = 120.0
IDLE_S = 2.0
SAMPLES = 5  # runs timed at least, per N
# Streamlit keeps a closed tab's session 2 minutes for a reconnect (server.disconnectedSessionTTL). The server this
# script starts keeps them SESSION_TTL_S, and each N waits that long first: every N then measures N sessions, not
# N plus the tabs of the N before it.
SESSION_TTL_S = 5
FILTER_KEY = "art5"  # the overview's "Article 5 obligation" checkbox
# A fragment's run ends with its own status; both mean the run went through.
SUCCESS = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY}


def _port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _serve(env: dict[str, str], log: Path) -> tuple[subprocess.Popen, str]:
    """serve.py as bench/overview.py starts it; its output goes to `log`, read back if runs fail."""
    port = _port()
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "serve.py", "--server.address", "127.0.0.1", "--server.port",
             str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false", "--server.fileWatcherType",
             "none", "--server.disconnectedSessionTTL", str(SESSION_TTL_S)],
            cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, env=env,
        )
    url = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if urllib.request.urlopen(url + "/_stcore/health", timeout=1).read() == b"ok":
                return process, url
        except OSError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("serve.py did not start")


def _descendants(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*"):
            with contextlib.suppress(OSError):  # a thread or process that ended meanwhile
                todo += [int(child) for child in (task / "children").read_text().split()]
    return found


def _rss_mb(pid: int) -> float:
    """Resident memory of the server and its children (Chromium, should a slide image have started one)."""
    total_kb = 0
    for each in _descendants(pid):
        try:
            status = Path(f"/proc/{each}/status").read_text()
        except OSError:
            continue
        total_kb += next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
    return total_kb / 1024


def _cpu_s(pid: int) -> float:
    """CPU seconds (user + system) the server and its children have used so far."""
    total = 0
    for each in _descendants(pid):
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of proc(5))
    return total / os.sysconf("SC_CLK_TCK")


def _widget_state(element_type: str, widget) -> WidgetState | None:
    """The value the frontend would report for a widget just drawn: the one the server set, else its default.
    Buttons (triggers), components and form fields (sent only on submit) are not reported."""
    if getattr(widget, "form_id", ""):
        return None
    state = WidgetState(id=widget.id)
    if element_type == "checkbox":
        state.bool_value = widget.value if widget.set_value else widget.default
    elif element_type == "selectbox":
        if widget.set_value:
            state.string_value = widget.raw_value
        elif 0 <= widget.default < len(widget.options):
            state.string_value = widget.options[widget.default]
        else:
            return None
    elif element_type == "multiselect":
        state.string_array_value.data.extend(
            widget.raw_values if widget.set_value else [widget.options[i] for i in widget.default])
    elif element_type == "button_group":
        state.string_array_value.data.extend(
            widget.raw_values if widget.set_value else [widget.options[i].content for i in widget.default])
    else:
        return None
    return state


@dataclass
class Run:
    seconds: float | None  # None when the run failed
    received_bytes: int
    error: str | None = None


class Session:
    """One browser tab: its socket, the widgets it was sent, the page's query string and the messages it keeps."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.ws = None
        self.query_string = ""
        self.page_script_hash = ""
        self.widgets: dict[str, WidgetState] = {}
        self.fragments: dict[str, str] = {}  # widget id -> the fragment that drew it
        self.hashes: set[str] = set()  # messages the frontend would keep in its cache and declare

    def _client_state(self) -> ClientState:
        state = ClientState(query_string=self.query_string, page_script_hash=self.page_script_hash)
        info = state.context_info
        info.timezone, info.timezone_offset, info.locale = "Europe/Zurich", -60, "en-US"
        info.url, info.is_embedded, info.color_scheme = f"{self.url}/?{self.query_string}", False, "light"
        return state

    async def open(self) -> Run:
        """From the socket's opening to the overview's script_finished."""
        started = time.perf_counter()
        try:
            # No pings and no compression: a browser sends neither (the server pings; the client answers).
            self.ws = await websockets.connect(
                self.url.replace("http", "ws", 1) + "/_stcore/stream", subprotocols=["streamlit"], max_size=None,
                compression=None, ping_interval=None, open_timeout=TIMEOUT_S)
        except (OSError, TimeoutError, websockets.WebSocketException) as error:
            return Run(None, 0, f"connect: {error!r}")
        back = BackMsg()
        back.rerun_script.CopyFrom(self._client_state())
        return await self._run(back, started)

    async def change_filter(self) -> Run:
        """Flip the checkbox, as a click does: a rerun of the fragment that drew it."""
        started = time.perf_counter()
        target = next((wid for wid in self.widgets if wid.endswith(f"-{FILTER_KEY}")), None)
        if target is None:
            return Run(None, 0, f"no widget keyed {FILTER_KEY!r} was sent")
        self.widgets[target].bool_value = not self.widgets[target].bool_value
        back = BackMsg()
        back.rerun_script.CopyFrom(self._client_state())
        back.rerun_script.widget_states.widgets.extend(self.widgets.values())
        back.rerun_script.fragment_id = self.fragments.get(target, "")
        back.rerun_script.cached_message_hashes.extend(sorted(self.hashes))
        return await self._run(back, started)

    async def _run(self, back: BackMsg, started: float) -> Run:
        received, error = 0, None
        try:
            await self.ws.send(back.SerializeToString())
            async with asyncio.timeout(TIMEOUT_S - (time.perf_counter() - started)):
                while True:
                    data = await self.ws.recv()
                    received += len(data)
                    msg = ForwardMsg()
                    msg.ParseFromString(data)
                    error = self._take(msg) or error
                    if msg.WhichOneof("type") == "script_finished" and msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                        if msg.script_finished not in SUCCESS:
                            error = error or f"script_finished status {msg.script_finished}"
                        break
        except TimeoutError:
            return Run(None, received, f"no script_finished within {TIMEOUT_S:.0f} s")
        except websockets.WebSocketException as failure:
            return Run(None, received, f"socket: {failure!r}")
        return Run(None if error else time.perf_counter() - started, received, error)

    def _take(self, msg: ForwardMsg) -> str | None:
        """Keep what the frontend keeps from one message; the error it shows, if any."""
        kind = msg.WhichOneof("type")
        if msg.metadata.cacheable and msg.hash:
            self.hashes.add(msg.hash)
        if kind == "ref_hash":
            return None if msg.ref_hash in self.hashes else f"reference to a message never received: {msg.ref_hash}"
        if kind == "new_session":
            self.page_script_hash = msg.new_session.page_script_hash
        elif kind == "page_info_changed":
            self.query_string = msg.page_info_changed.query_string
        elif kind == "session_event" and msg.session_event.WhichOneof("type") == "script_compilation_exception":
            return "script compilation exception"
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            element_type = element.WhichOneof("type")
            if element_type == "exception":
                return f"exception element: {element.exception.type}: {element.exception.message[:200]}"
            widget = getattr(element, element_type)
            if getattr(widget, "id", "") and (state := _widget_state(element_type, widget)) is not None:
                self.widgets[widget.id] = state
                self.fragments[widget.id] = msg.delta.fragment_id
        return None

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()


def _quantile(values: list[float], q: int) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def _fmt(value: float | None, digits: int = 3) -> str:
    return "unknown" if value is None else f"{value:.{digits}f}"


@dataclass
class Round:
    n: int
    opened: list[Run]
    changed: list[Run]
    rss_mb: float | None
    server_cpu_s: float | None
    client_cpu_s: float


async def _round(url: str, n: int, pid: int | None) -> Round:
    # Fewer than SAMPLES sessions are timed again, one group after another: a single run is too few to compare with.
    opened: list[Run] = []
    changed: list[Run] = []
    rss = None
    cpu_before, client_before = (_cpu_s(pid) if pid else None), time.process_time()
    for group in range(-(-SAMPLES // n)):
        sessions = [Session(url) for _ in range(n)]
        first = await asyncio.gather(*(session.open() for session in sessions))
        if group == 0:
            # Idle, all connected: what each open session keeps on the server.
            await asyncio.sleep(IDLE_S)
            rss = _rss_mb(pid) if pid else None
        live = [session for session, run in zip(sessions, first, strict=True) if run.error is None]
        changed += await asyncio.gather(*(session.change_filter() for session in live))
        # A tab that never loaded is also a filter change that never ran: it counts in both.
        changed += [Run(None, 0, "not loaded") for _ in range(n - len(live))]
        opened += first
        await asyncio.gather(*(session.close() for session in sessions), return_exceptions=True)
    cpu = (_cpu_s(pid) - cpu_before) if pid else None
    return Round(n, opened, changed, rss, cpu, time.process_time() - client_before)


async def _settle(url: str, seconds: float) -> None:
    """Let the server drop the sessions closed before: it removes expired ones when it next stores one, so a last
    socket is opened and closed once they have expired (its own session stays, as the warm-up's did at N = 1)."""
    if seconds <= 0:
        return
    await asyncio.sleep(seconds)
    with contextlib.suppress(OSError, TimeoutError, websockets.WebSocketException):  # a server gone shows in the next N
        probe = await websockets.connect(url.replace("http", "ws", 1) + "/_stcore/stream", subprotocols=["streamlit"],
                                         compression=None, ping_interval=None, open_timeout=TIMEOUT_S)
        await probe.close()
    await asyncio.sleep(0.5)


async def _bench(url: str, counts: list[int], pid: int | None, settle: float) -> list[Round]:
    warm = Session(url)
    first, rerun = await warm.open(), None
    if first.error is None:
        rerun = await warm.change_filter()
    await asyncio.sleep(IDLE_S)
    warm_rss = _rss_mb(pid) if pid else None
    await warm.close()
    await _settle(url, settle)
    print(f"machine cpus={os.cpu_count()} url={url} python={sys.version.split()[0]} "
          f"warmup_first_s={_fmt(first.seconds)} warmup_rerun_s={_fmt(rerun.seconds if rerun else None)}"
          + (f" warmup_error={first.error or rerun.error}" if first.error or (rerun and rerun.error) else ""), flush=True)
    rounds: list[Round] = []
    rss_1 = warm_rss
    for n in counts:
        result = await _round(url, n, pid)
        await _settle(url, settle)
        rounds.append(result)
        if n == 1:
            rss_1 = result.rss_mb  # the round with one session is the baseline; the warm-up stands in without one
        times = [run.seconds for run in result.opened if run.seconds is not None]
        rerun_times = [run.seconds for run in result.changed if run.seconds is not None]
        errors = sum(run.error is not None for run in result.opened + result.changed)
        per_session = None if result.rss_mb is None or rss_1 is None or n < 2 else (result.rss_mb - rss_1) / (n - 1)
        print(f"sessions={n} errors={errors} p50_s={_fmt(_quantile(times, 50))} p95_s={_fmt(_quantile(times, 95))} "
              f"rerun_p95_s={_fmt(_quantile(rerun_times, 95))} "
              f"mb_per_session={'unknown' if pid is None else _fmt(per_session, 2) if n > 1 else 'n/a'}", flush=True)
        for message in sorted({run.error for run in result.opened + result.changed if run.error})[:3]:
            print(f"  error: {message}", flush=True)
    return rounds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a running server (default: start serve.py with an empty store)")
    parser.add_argument("--sessions", default="1,10,25,50", help="comma-separated session counts")
    parser.add_argument("--settle", type=float, help="seconds to wait after each N for the server to drop its closed "
                        f"sessions (default: {SESSION_TTL_S + 1} for the server started here, 0 with --url)")
    args = parser.parse_args()
    counts = [int(n) for n in args.sessions.split(",") if n.strip()]
    with tempfile.TemporaryDirectory() as tmp:
        process = None
        if args.url:
            url = args.url.rstrip("/")
        else:
            env = {**os.environ, "MBC_STORE_PATH": str(Path(tmp) / "store.sqlite3")}
            env.pop("DATABASE_URL", None)
            process, url = _serve(env, Path(tmp) / "server.log")
        try:
            settle = args.settle if args.settle is not None else 0 if args.url else SESSION_TTL_S + 1
            rounds = asyncio.run(_bench(url, counts, process.pid if process else None, settle))
        finally:
            if process is not None:
                process.terminate()
                process.wait(timeout=10)
        if process is not None and any(run.error for r in rounds for run in r.opened + r.changed):
            print("server log (last lines):\n" + "\n".join((Path(tmp) / "server.log").read_text().splitlines()[-20:]))
    # Details behind the figures: what each session was sent, the server's CPU time per session (its opening and its
    # filter change together), and the client's own CPU time for the whole N (it shares the machine).
    for r in rounds:
        ok, ok_rerun = [x for x in r.opened if x.error is None], [x for x in r.changed if x.error is None]
        server_cpu = None if r.server_cpu_s is None else r.server_cpu_s / len(r.opened)
        print(f"detail sessions={r.n} kb_first={_fmt(statistics.mean(x.received_bytes for x in ok) / 1024 if ok else None, 1)} "
              f"kb_rerun={_fmt(statistics.mean(x.received_bytes for x in ok_rerun) / 1024 if ok_rerun else None, 1)} "
              f"rss_mb={_fmt(r.rss_mb, 1)} server_cpu_s_per_session={_fmt(server_cpu)} client_cpu_s={r.client_cpu_s:.2f} "
              f"rerun_p50_s={_fmt(_quantile([x.seconds for x in ok_rerun], 50))}")
    single = next((r for r in rounds if r.n == 1), None)
    fifty = next((r for r in rounds if r.n == 50), None)
    # p95 against p95: a single session's time is bimodal (about 25 or 65 ms, a loopback stall after a large
    # message), so its median would make the ratio jump between runs.
    p95_single = single and _quantile([x.seconds for x in single.opened if x.seconds is not None], 95)
    p95_fifty = fifty and _quantile([x.seconds for x in fifty.opened if x.seconds is not None], 95)
    print(f"p95_50_over_p95_1={_fmt(p95_fifty / p95_single, 1) if p95_single and p95_fifty else 'unknown'} (target <= 3)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
