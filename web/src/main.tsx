// Entry point of the PromptForge web app: mounts the app (inside the data cache and the session) and
// starts Core Web Vitals reporting.
import { QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { AuthProvider } from "./lib/auth";
import { queryClient } from "./lib/queries";
import { startVitals } from "./lib/vitals";
import "./styles.css";

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <AuthProvider>
          <App />
        </AuthProvider>
      </QueryClientProvider>
    </StrictMode>,
  );
}

// Measuring starts at once (LCP and FCP need the first paint), in its own small chunk.
void startVitals();
