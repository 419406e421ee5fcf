// Remember the edition a reader picks in the script or language switch. Only the front page
// reads the cookie (baspa/editions/negotiation.py), so no other page varies on it.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a[data-edition]");
  if (!link) return;
  document.cookie = "baspa_edition=" + link.dataset.edition +
    "; path=/; max-age=31536000; samesite=lax";
});
