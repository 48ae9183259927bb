// CommonJS entry of esbplay: require('esbplay') loads the ES module build (require of an ES module, Node.js 20.19+).
// The require() below comes from inside node_modules, so Node.js prints no experimental warning for it.
'use strict';
module.exports = require('../dist/index.js');
