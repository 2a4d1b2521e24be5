import path from 'node:path';

/** A valid custom element name: lowercase, starts with a letter, contains a hyphen. */
const CUSTOM_ELEMENT_NAME = /^[a-z][a-z0-9._]*-[a-z0-9._-]*$/;

/**
 * Our elements register through `defineElement('porttask-…', Class)` (a guarded
 * `customElements.define`), which the analyzer does not recognise: it would leave the class
 * without a tag name and record one bogus definition named after the wrapper's parameter.
 * This plugin reads each `defineElement` call as a definition of that tag, pointing at the
 * module the class is imported from, and drops definitions whose "tag" is not a tag name.
 */
export function defineElementTags() {
  return {
    name: 'porttask-define-element-tags',
    analyzePhase({ ts, node, moduleDoc }) {
      if (!ts.isCallExpression(node) || node.expression.getText() !== 'defineElement') return;
      const [tag, elementClass] = node.arguments;
      if (!tag || !elementClass || !ts.isStringLiteral(tag) || !ts.isIdentifier(elementClass)) return;
      moduleDoc.exports ??= [];
      moduleDoc.exports.push({
        kind: 'custom-element-definition',
        name: tag.text,
        declaration: { name: elementClass.text, module: moduleOfImport(ts, node.getSourceFile(), elementClass.text, moduleDoc.path) },
      });
    },
    packageLinkPhase({ customElementsManifest }) {
      for (const module of customElementsManifest.modules) {
        module.exports = module.exports?.filter((entry) => entry.kind !== 'custom-element-definition' || CUSTOM_ELEMENT_NAME.test(entry.name));
      }
    },
  };
}

/** The module (path from the package root) a name is imported from, or this module when declared here. */
function moduleOfImport(ts, sourceFile, name, modulePath) {
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (bindings && ts.isNamedImports(bindings) && bindings.elements.some((element) => element.name.text === name)) {
      return path.posix.join(path.posix.dirname(modulePath), statement.moduleSpecifier.text);
    }
  }
  return modulePath;
}
