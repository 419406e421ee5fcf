"""JSON for answers that readers' browsers receive."""

import json

# As Django's json_script does: JSON text carries no markup, so a headline or snippet with
# «<script>» in it stays inert even where a JSON answer ends up inside HTML.
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_text(data) -> str:
    return json.dumps(data, ensure_ascii=False).translate(_ESCAPES)
