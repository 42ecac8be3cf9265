/**
 * The project's own lint rules, for what oxlint's built-in rules cannot say (an oxlint JS plugin:
 * ESLint's rule API). Loaded by .oxlintrc.json for src/sim only.
 */
const noExponentOperator = {
  meta: {
    type: 'problem',
    docs: { description: 'The ** operator is engine-dependent like Math.pow: use detPow of src/sim/det-math.ts' },
  },
  create(context) {
    const report = (node) =>
      context.report({ node, message: 'uses the ** operator, engine-dependent like Math.pow (use detPow of det-math.ts)' });
    return {
      BinaryExpression(node) {
        if (node.operator === '**') report(node);
      },
      AssignmentExpression(node) {
        if (node.operator === '**=') report(node);
      },
    };
  },
};

export default {
  meta: { name: 'horizons' },
  rules: { 'no-exponent-operator': noExponentOperator },
};
