// Entry point of the PromptForge web app: mounts the app and starts Core Web Vitals reporting.
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App";
import { AuthProvider } from "./lib/auth";
import { startVitals } from "./lib/vitals";
import "./styles.css";

const root = document.getElementById("root");
if (root) {
  createRoot(root).render(
    <StrictMode>
      <AuthProvider>
        <App />
      </AuthProvider>
    </StrictMode>,
  );
}

// Measuring starts at once (LCP and FCP need the first paint), in its own small chunk.
void startVitals();
