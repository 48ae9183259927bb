// The stock WSO2 ESB files (4.9.0, 5.0.0) the project carries byte for byte (standin/wso2-esb, see its SOURCES.md): what tests copy and compare with.

import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** `<repo>/standin/wso2-esb`: `${STOCK_FILES}/4.9.0/repository/conf/axis2/axis2.xml` and so on. */
export const STOCK_FILES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'standin', 'wso2-esb');
