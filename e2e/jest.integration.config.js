module.exports = { preset: '@staystream/jest-preset/integration' };
