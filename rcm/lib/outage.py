"""A service the site depends on (Redis, the database) not answering: counted, and said in the log at most
once a minute, however many requests meet it."""

import logging
import math
import time

logger = logging.getLogger(__name__)

# Under load an outage meets every request: one line a minute says it as well as thousands would.
LOG_INTERVAL = 60.0  # seconds


class Outage:
    """What this process has seen of one service: its failures, and whether it is failing now."""

    def __init__(self, service: str) -> None:
        self.service = service
        self.failures = 0  # since the process started; never goes down
        self.failed_at: float | None = None  # set while the service is failing
        self._logged_at = -math.inf
        self._unlogged = 0  # failures since the last line
        self._down_logged = False

    def failed(self, error: Exception | None) -> None:
        """The service did not answer (None: it was not asked, since it failed a moment ago)."""
        now = time.monotonic()
        self.failures += 1
        self._unlogged += 1
        if self.failed_at is None:
            self._down_logged = False
        self.failed_at = now
        if error is not None and now - self._logged_at >= LOG_INTERVAL:
            logger.warning(
                "%s does not answer (%s: %s); failures since the last message: %d",
                self.service,
                type(error).__name__,
                " ".join(str(error).split()),  # on one line: the drivers' messages run over several
                self._unlogged,
            )
            self._logged_at, self._unlogged, self._down_logged = now, 0, True

    def answered(self) -> None:
        """The service answered. Says so once if the failure was said, so that each line saying it is
        down has its line saying it is back."""
        if self.failed_at is None:
            return
        if self._down_logged:
            logger.warning("%s answers again", self.service)
        self.failed_at = None
