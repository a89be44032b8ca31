export * from '../../problems';
