from axes.backends import AxesStandaloneBackend


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' lockout check, for sign-ins that come with a request.

    Axes refuses `authenticate()` without a request; code on the server (a management
    command, a test) authenticates without one, and there is no address to throttle there.
    Every sign-in over HTTP passes its request (Django's AuthenticationForm does).
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
