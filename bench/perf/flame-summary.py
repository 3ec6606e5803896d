#!/usr/bin/env python3
"""Where the CPU samples of an async-profiler HTML flame graph went, as Markdown (bench/run).

    flame-summary.py <name> <flame.html> [<name> <flame.html> ...]

Reads the frames the HTML carries (async-profiler 3/4: the string pool `cpool` and the f/u/n calls that
lay the frames out), then prints, per profile: the share of samples whose stack holds each component
(inclusive, so shares overlap), the frames that were on top of the stack most (self time) and the
application's own methods (org/clinic) with the most samples under them. A reader
who wants the picture opens the HTML; this is what the picture says, in words bench/results can keep.
"""
import ast
import bisect
import re
import sys
from collections import Counter

# components, by what their frames' names hold (first column: the label in the table)
COMPONENTS = [
    ("JWT / RSA / crypto", ("jose4j", "io/smallrye/jwt", "sun/security", "java/security", "javax/crypto")),
    ("Redis client (rate limits)", ("io/vertx/redis",)),
    ("PostgreSQL client", ("io/vertx/pgclient", "io/vertx/sqlclient")),
    ("Hibernate Reactive", ("org/hibernate",)),
    ("JSON", ("com/fasterxml/jackson", "io/vertx/core/json")),
    ("HTTP client (the next hop)", ("io/vertx/core/http/impl/Http1xClient", "io/vertx/core/http/impl/HttpClient",
                                    "io/vertx/ext/web/client", "io/vertx/mutiny/core/http/HttpClient")),
    ("HTTP server (Vert.x, RESTEasy Reactive)", ("io/vertx/core/http/impl/Http1xServer", "org/jboss/resteasy/reactive")),
    ("Netty", ("io/netty",)),
    ("logging", ("org/jboss/logmanager", "org/jboss/logging", "org/slf4j")),
    ("metrics / tracing", ("io/micrometer", "io/opentelemetry")),
    ("kernel (syscalls, loopback TCP, scheduler)", ()),  # by frame type, below
    ("JIT compiler", ("CompileBroker", "C2Compiler", "Compile::", "C1_")),
    ("GC", ("DefNewGeneration", "SerialHeap", "SerialFullGC", "VM_GC", "GCTaskThread", "TenuredGeneration")),
]


KERNEL = 5  # async-profiler's frame type of a kernel frame (the HTML's key & 7)


def frames(path):
    text = open(path, encoding="utf-8").read()
    pool_src = re.search(r"const cpool = \[\n(.*?)\n\];", text, re.S).group(1)
    pool = [ast.literal_eval(line.rstrip(",")) for line in pool_src.split("\n")]
    for i in range(1, len(pool)):  # unpack: each entry reuses a prefix of the one before
        pool[i] = pool[i - 1][: ord(pool[i][0]) - 32] + pool[i][1:]
    out, level0, left0, width0 = [], 0, 0, 0
    body = text[text.index("unpack(cpool);"):]
    for kind, args in re.findall(r"^([fun])\(([^)]*)\)", body, re.M):
        a = [int(x) for x in args.split(",")]
        key = a[0]
        if kind == "f":
            level, left, width = a[1], a[2], a[3] if len(a) > 3 else 0
        elif kind == "u":
            level, left, width = level0 + 1, 0, a[1] if len(a) > 1 else 0
        else:
            level, left, width = level0, width0, a[1] if len(a) > 1 else 0
        level0 = level
        left0 += left
        width0 = width or width0
        out.append((level, left0, width0, pool[key >> 3], key & 7))
    return out


def summary(path):
    fs = frames(path)
    by_level = {}
    for f in fs:
        by_level.setdefault(f[0], []).append(f)
    for lv in by_level.values():
        lv.sort(key=lambda f: f[1])
    lefts = {lv: [f[1] for f in fl] for lv, fl in by_level.items()}

    def parent(f):
        lv = f[0] - 1
        if lv not in by_level:
            return None
        i = bisect.bisect_right(lefts[lv], f[1]) - 1
        return by_level[lv][i] if i >= 0 else None

    children = Counter()
    for f in fs:
        p = parent(f)
        if p is not None:
            children[p] += f[2]
    total = max((f[2] for f in fs if f[0] == 0), default=0)
    comp, top, thrown, ours = Counter(), Counter(), Counter(), Counter()
    for f in fs:
        own = f[2] - children[f]
        if own <= 0 or f[0] == 0:
            continue
        top[f[3]] += own
        stack, p = [], f
        while p is not None and p[0] > 0:
            stack.append(p)
            p = parent(p)
        names = [q[3] for q in stack]
        for label, needles in COMPONENTS:
            if any(n in name for name in names for n in needles):
                comp[label] += own
        for name in {n for n in names if n.startswith("org/clinic/")}:  # inclusive, once per sample
            ours[name] += own
        if any(q[4] == KERNEL for q in stack):
            comp[COMPONENTS[-3][0]] += own
        # exceptions made on the request path: which one, thrown from where (the first application frame)
        made = [n for n in names if ".<init>" in n and ("Exception" in n or "Error" in n or "Throwable" in n)]
        if made:
            where = next((n for n in names if n.startswith("org/clinic/")), None) \
                or next((n for n in names if not n.startswith(("java/", "jdk/", "sun/")) and "/" in n
                         and ".<init>" not in n), "?")
            thrown[(made[-1].replace(".<init>", ""), where)] += own
    return total, comp, top, thrown, ours


def main(argv):
    pairs = list(zip(argv[0::2], argv[1::2]))
    results = [(name, *summary(path)) for name, path in pairs]
    pct = lambda n, t: f"{100 * n / t:.0f} %" if t else "–"
    print("| component (samples with it on the stack) | " + " | ".join(n for n, *_ in results) + " |")
    print("|---|" + "---|" * len(results))
    for label, _ in COMPONENTS:
        print(f"| {label} | " + " | ".join(pct(c[label], t) for _, t, c, *_ in results) + " |")
    print("| samples | " + " | ".join(str(t) for _, t, *_ in results) + " |")
    for name, total, _, top, thrown, ours in results:
        print()
        print(f"Most on top of the stack in {name} (self time):")
        print()
        for frame, n in top.most_common(10):
            print(f"- {pct(n, total)} `{frame[:140]}`")
        if ours:
            print()
            print(f"Our methods with the most samples under them in {name} (inclusive):")
            print()
            for frame, n in ours.most_common(8):
                print(f"- {pct(n, total)} `{frame[:140]}`")
        if thrown:
            print()
            print(f"Exceptions constructed in {name} (their stack traces filled), share of samples:")
            print()
            for (exception, where), n in thrown.most_common(5):
                print(f"- {pct(n, total)} `{exception}` from `{where[:120]}`")


if __name__ == "__main__":
    main(sys.argv[1:])
