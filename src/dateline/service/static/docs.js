// Interactive API documentation: Swagger UI (files from the fastapi-offline package) over our schema.
"use strict";
window.addEventListener("DOMContentLoaded", function () {
  var el = document.getElementById("swagger-ui");
  if (!el || typeof window.SwaggerUIBundle !== "function") return;
  window.SwaggerUIBundle({ url: el.getAttribute("data-schema"), dom_id: "#swagger-ui", deepLinking: true });
});
