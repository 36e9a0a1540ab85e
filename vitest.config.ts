import { configDefaults, defineConfig } from "vitest/config";

// End-to-end tests (`*.e2e.test.ts`) run the app as Slack or a person would reach it: signed HTTP,
// Socket Mode, `npm start` or the CLI as processes. Unit tests call one module or listener.
const e2e = "test/**/*.e2e.test.ts";

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["test/**/*.test.ts"],
          exclude: [...configDefaults.exclude, e2e],
        },
      },
      { extends: true, test: { name: "e2e", include: [e2e] } },
    ],
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts"],
      reporter: ["text"],
    },
  },
});
