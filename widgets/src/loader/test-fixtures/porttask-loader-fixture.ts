// A stand-in element module for the loader tests: loading it defines its tag.
import { defineElement } from '../../core/define.ts';

class LoaderFixture extends HTMLElement {}

defineElement('porttask-loader-fixture', LoaderFixture);
