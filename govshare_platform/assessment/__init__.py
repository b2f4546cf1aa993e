"""Assessment of departments (考核评估, 第三十四条): conformance checks, rounds, snapshots."""
