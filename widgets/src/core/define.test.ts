import { expect } from '@open-wc/testing';
import { defineElement } from './define.ts';

describe('defineElement', () => {
  it('can run twice for the same tag (the bundle loaded twice) without throwing', () => {
    class First extends HTMLElement {}
    defineElement('porttask-defined-twice', First);
    expect(() => defineElement('porttask-defined-twice', First)).not.to.throw();
    expect(customElements.get('porttask-defined-twice')).to.equal(First);
  });

  it('keeps the first class when another copy defines the tag, and warns once instead of throwing', () => {
    class First extends HTMLElement {}
    class SecondCopy extends HTMLElement {}
    const warnings: unknown[][] = [];
    const warn = console.warn;
    console.warn = (...message: unknown[]) => warnings.push(message);
    try {
      defineElement('porttask-defined-by-two-copies', First);
      expect(() => defineElement('porttask-defined-by-two-copies', SecondCopy)).not.to.throw();
    } finally {
      console.warn = warn;
    }
    expect(customElements.get('porttask-defined-by-two-copies')).to.equal(First);
    expect(warnings).to.have.length(1);
  });
});
