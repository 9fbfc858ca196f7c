/** Layer rules from ARCHITECTURE.md, enforced in CI (npm run layers). */
module.exports = {
  forbidden: [
    {
      name: 'shared-is-a-leaf',
      comment: 'src/shared imports nothing from the other source folders.',
      severity: 'error',
      from: { path: '^src/shared', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/(engine|main|preload|renderer|cli)' },
    },
    {
      name: 'engine-only-shared',
      comment: 'The engine imports only src/shared and its own libraries.',
      severity: 'error',
      from: { path: '^src/engine', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/(main|preload|renderer|cli)' },
    },
    {
      name: 'core-no-ui-or-electron',
      comment: 'Engine and shared never touch Electron, React, React Flow or ECharts.',
      severity: 'error',
      from: { path: '^src/(engine|shared)' },
      to: { path: 'node_modules/(electron|react|react-dom|@xyflow|echarts|zustand)/' },
    },
    {
      name: 'core-no-node-builtins',
      comment: 'The engine core also runs in a browser Web Worker; Node-only code sits in src/engine/node.',
      severity: 'error',
      from: { path: '^src/(engine|shared)', pathNot: ['^src/engine/node/', '\\.test\\.ts$'] },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-not-main',
      severity: 'error',
      from: { path: '^src/renderer' },
      to: { path: '^src/(main|cli)' },
    },
    {
      name: 'renderer-engine-via-protocol',
      comment:
        'The renderer reaches the engine only through the protocol (src/shared/protocol.ts): it may start the ' +
        'worker entry and nothing else of src/engine. What both need (analysis, results) lives in src/shared.',
      severity: 'error',
      from: { path: '^src/renderer' },
      to: { path: '^src/engine', pathNot: ['^src/engine/worker/entry\\.ts$'] },
    },
    {
      name: 'main-not-renderer',
      severity: 'error',
      from: { path: '^src/main' },
      to: { path: '^src/renderer' },
    },
    {
      name: 'tests-beside-code-are-not-imported',
      comment:
        'A test may sit beside what it tests (a model folder holds its spec and its test) and import anything, ' +
        'as the tests under test/ do; the layer rules above exempt it, so no source file may import it.',
      severity: 'error',
      from: { pathNot: '\\.test\\.ts$' },
      to: { path: '\\.test\\.ts$' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
