from django_tasks import task


# On the "background" backend: in a thread of this process on the embedded default, so the
# publish that enqueued it does not wait for Telegram (docs/decisions/0004).
@task(backend="background")
def telegram_post_task(post_id: int) -> str:
    from baspa.distribution.services import telegram_post_deliver

    return telegram_post_deliver(post_id)
