"""A django-tasks backend that runs each task in a daemon thread of the current process.

django-tasks 0.12 ships only the Immediate backend (inline, in the caller's request) and the
Dummy one; its database and RQ backends are separate packages that need a worker process.
This one keeps the embedded default a single process while the caller — a publish — does not
wait. A task lost with its process is picked up again by the scheduler loop (the outbox row
stays due); see docs/decisions/0004-telegram-delivery.md.
"""

import threading

from django.db import connections
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.base import TaskResult, TaskResultStatus
from django_tasks.utils import get_random_id


class ThreadBackend(ImmediateBackend):
    def enqueue(self, task, args, kwargs):
        self.validate_task(task)
        result = TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=None,
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        threading.Thread(
            target=self._run, args=(result,), name=f"baspa-task-{result.id}", daemon=True
        ).start()
        return result

    def _run(self, result) -> None:
        try:
            self._execute_task(result)
        finally:
            # The thread's own database connections; the request's are untouched.
            connections.close_all()
