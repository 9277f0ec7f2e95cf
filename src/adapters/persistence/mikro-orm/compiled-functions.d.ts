import type { CompiledFunctions } from '@mikro-orm/core';
declare const compiledFunctions: CompiledFunctions;
export default compiledFunctions;
