"""Runs every test_*.py beside this file with unittest and appends one JSON line per finished test to
RESULT_FILE, so the node test driver can report each as its own test (and keeps what finished if the
run is killed). Usage: run_tests.py RESULT_FILE"""
import json
import os
import sys
import time
import traceback
import unittest


class RecordingResult(unittest.TextTestResult):
    """unittest's verbose result, also writing each test's outcome, details and duration as a JSON line."""

    records_out = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._started = 0.0

    def startTest(self, test):
        self._started = time.monotonic()
        super().startTest(test)

    def _record(self, test, outcome, details=""):
        duration_ms = round((time.monotonic() - self._started) * 1000)
        record = {"name": test.id(), "outcome": outcome, "details": details, "durationMs": duration_ms}
        self.records_out.write(json.dumps(record) + "\n")
        self.records_out.flush()

    def addSuccess(self, test):
        super().addSuccess(test)
        self._record(test, "pass")

    def addFailure(self, test, err):
        super().addFailure(test, err)
        self._record(test, "fail", "".join(traceback.format_exception(*err)))

    def addError(self, test, err):
        super().addError(test, err)
        # setUpClass errors arrive with a placeholder "test"; record them under its description.
        self._record(test, "fail", "".join(traceback.format_exception(*err)))

    def addSkip(self, test, reason):
        super().addSkip(test, reason)
        self._record(test, "skip", reason)

    def addExpectedFailure(self, test, err):
        super().addExpectedFailure(test, err)
        self._record(test, "fail", "expected failure: tests here must pass outright")

    def addUnexpectedSuccess(self, test):
        super().addUnexpectedSuccess(test)
        self._record(test, "fail", "unexpected success")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    suite = unittest.TestLoader().discover(here, pattern="test_*.py", top_level_dir=here)
    with open(sys.argv[1], "a", encoding="utf8") as records_out:
        RecordingResult.records_out = records_out
        result = unittest.TextTestRunner(verbosity=2, resultclass=RecordingResult, stream=sys.stderr).run(suite)
    sys.exit(0 if result.wasSuccessful() else 1)


if __name__ == "__main__":
    main()
